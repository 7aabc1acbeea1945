using System.Net;
using System.Net.Http.Json;
using System.Text;
using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Access;

/// <summary>
/// <c>PATCH /api/users/{id}</c> with <c>{"active": false}</c> takes a person's access away on every instance at once.
/// Both instances cache users for an hour here, so a refusal on either can only come from the <c>user_changed</c>
/// event, never from a cache entry running out.
/// </summary>
public sealed class UserDeactivationTests : McpTestBase
{
    private const string DeactivatedMessage = "Your account has been deactivated; ask an administrator to reactivate it.";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?> { ["USER_CACHE_SECONDS"] = "3600" };

    [Test]
    public async Task Deactivation_EndsTheUsersOpenStreamsOnBothInstances_WithAFrameSayingWhy()
    {
        using var secondMember = ClientFor(Second, Member);
        await using var onFirst = await SseStream.OpenAsync(MemberClient);
        await using var onSecond = await SseStream.OpenAsync(secondMember);
        await using var adminStream = await SseStream.OpenAsync(AdminClient);

        await SetActiveAsync(Member.Id, false);

        foreach (var stream in new[] { onFirst, onSecond })
        {
            var last = await stream.NextAsync();
            Assert.Multiple(() =>
            {
                Assert.That(last.Type, Is.EqualTo("account_deactivated"));
                Assert.That(last.Data.GetProperty("message").GetString(), Is.EqualTo(DeactivatedMessage));
            });
            Assert.That(async () => await stream.Ended.WaitAsync(Deadline), Throws.Nothing, "the server ends the stream");
        }
        Assert.That(adminStream.Ended.IsCompleted, Is.False, "other people's streams stay open");
    }

    [Test]
    public async Task Deactivation_RefusesTheUsersTokenOnBothInstances_ThoughBothHadItCached()
    {
        using var secondMember = ClientFor(Second, Member);
        Assert.That((await MemberClient.GetAsync("/api/users")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await secondMember.GetAsync("/api/users")).StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await SetActiveAsync(Member.Id, false);

        // The instance that answered the administrator refuses before it replies; the other as soon as the event arrives.
        await AssertDeactivatedAsync(await MemberClient.GetAsync("/api/users"));
        await AssertDeactivatedAsync(await EventuallyAsync(() => secondMember.GetAsync("/api/users"), r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.That(async () => await SseStream.OpenAsync(secondMember),
            Throws.InstanceOf<HttpRequestException>().With.Property(nameof(HttpRequestException.StatusCode)).EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Deactivation_RefusesTheUsersApiKeyOverMcpOnBothInstances()
    {
        var (key, _) = await CreateApiKeyAsync(MemberClient);
        var client = await ConnectAsync(key);
        Assert.That(await client.ListToolsAsync(), Is.Not.Empty);

        await SetActiveAsync(Member.Id, false);

        using var first = Factory.CreateClient();
        using var second = Second.CreateClient();
        await AssertDeactivatedAsync(await ListToolsRawAsync(first, key));
        await AssertDeactivatedAsync(await ListToolsRawAsync(second, key));
        Assert.That(async () => await ConnectAsync(key), Throws.InstanceOf<HttpRequestException>().With.Message.Contains("deactivated"));
    }

    [Test]
    public async Task Reactivation_RestoresTheUsersTokenAndKeyOnBothInstances()
    {
        var (key, _) = await CreateApiKeyAsync(MemberClient);
        using var secondMember = ClientFor(Second, Member);
        await SetActiveAsync(Member.Id, false);
        await EventuallyAsync(() => secondMember.GetAsync("/api/users"), r => r.StatusCode == HttpStatusCode.Unauthorized);

        var reactivated = await SetActiveAsync(Member.Id, true);

        Assert.That(reactivated.GetProperty("active").GetBoolean(), Is.True);
        Assert.That((await MemberClient.GetAsync("/api/users")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await EventuallyAsync(() => secondMember.GetAsync("/api/users"), r => r.StatusCode == HttpStatusCode.OK);
        await using var stream = await SseStream.OpenAsync(secondMember);
        Assert.That(await (await ConnectAsync(key)).ListToolsAsync(), Is.Not.Empty);
    }

    [Test]
    public async Task Patch_AnswersTheUserWithActive_AndKeepsTheirTasks()
    {
        var task = await MemberClient.PostAsJsonAsync("/api/tasks", new { title = "Written before leaving", assignee_id = "me" }, Json);
        var taskId = (await ReadJsonAsync(task)).GetProperty("id").GetString();

        var user = await SetActiveAsync(Member.Id, false);

        Assert.Multiple(() =>
        {
            Assert.That(user.GetProperty("id").GetGuid(), Is.EqualTo(Member.Id));
            Assert.That(user.GetProperty("email").GetString(), Is.EqualTo(Member.Email));
            Assert.That(user.GetProperty("active").GetBoolean(), Is.False);
        });
        var kept = await ReadJsonAsync(await AdminClient.GetAsync($"/api/tasks/{taskId}"));
        Assert.That(kept.GetProperty("assignee").GetProperty("email").GetString(), Is.EqualTo(Member.Email));
    }

    [Test]
    public async Task Patch_ByAMember_IsForbidden()
    {
        var other = await AddUserAsync("other@example.com", "Otto Other");

        var response = await MemberClient.PatchAsJsonAsync($"/api/users/{other.Id}", new { active = false }, Json);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
        Assert.That((await ClientFor(other).GetAsync("/api/users")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("{}", "body", TestName = "Patch_WithNothingToChange_SaysWhatCanChange")]
    [TestCase("""{"active": "no"}""", "active", TestName = "Patch_WithActiveNotABoolean_NamesActive")]
    [TestCase("""{"active": null}""", "body", TestName = "Patch_WithOnlyNulls_SaysWhatCanChange")]
    [TestCase("""{"active": false, "github_username": "ada"}""", "github_username", TestName = "Patch_WithAFieldItCannotChange_NamesIt")]
    public async Task Patch_WithABadBody_IsRefusedNamingTheField(string body, string field)
    {
        var response = await AdminClient.PatchAsync($"/api/users/{Member.Id}", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertValidationErrorAsync(field);
        Assert.That((await MemberClient.GetAsync("/api/users")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Patch_OfYourself_IsRefused()
    {
        var messages = await (await AdminClient.PatchAsJsonAsync($"/api/users/{Admin.Id}", new { active = false }, Json)).AssertValidationErrorAsync("active");

        Assert.That(messages.Single(), Does.Contain("another administrator"));
    }

    [Test]
    public async Task Patch_OfAnUnknownUser_IsNotFound()
    {
        var response = await AdminClient.PatchAsJsonAsync($"/api/users/{Guid.NewGuid()}", new { active = false }, Json);

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    private async Task<System.Text.Json.JsonElement> SetActiveAsync(Guid userId, bool active)
    {
        var response = await AdminClient.PatchAsJsonAsync($"/api/users/{userId}", new { active }, Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return await ReadJsonAsync(response);
    }

    private static async Task AssertDeactivatedAsync(HttpResponseMessage response)
    {
        var error = await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.That(error.GetProperty("message").GetString(), Is.EqualTo(DeactivatedMessage));
    }
}
