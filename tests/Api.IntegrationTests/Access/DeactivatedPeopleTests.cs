using System.Net;
using System.Net.Http.Json;
using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Domain.Users;

namespace TaskManager.Api.IntegrationTests.Access;

/// <summary>
/// A deactivated person leaves the directory people pick from and cannot be given tasks (REST and MCP alike), but
/// keeps what they already have.
/// </summary>
public sealed class DeactivatedPeopleTests : McpTestBase
{
    private User _leaver = null!;

    [SetUp]
    public async Task DeactivateALeaverAsync()
    {
        _leaver = await AddUserAsync("leaver@example.com", "Lea Ver");
        var response = await AdminClient.PatchAsJsonAsync($"/api/users/{_leaver.Id}", new { active = false }, Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task UsersList_LeavesOutDeactivatedPeople_AndMarksEveryoneActive()
    {
        var users = (await ReadJsonAsync(await MemberClient.GetAsync("/api/users"))).GetProperty("items").EnumerateArray().ToList();

        Assert.That(users.Select(u => u.GetProperty("email").GetString()), Is.EquivalentTo(new[] { Admin.Email, Member.Email }));
        Assert.That(users.Select(u => u.GetProperty("active").GetBoolean()), Is.All.True);
    }

    [Test]
    public async Task UsersList_WithIncludeInactive_ShowsDeactivatedPeopleMarkedInactive()
    {
        var users = (await ReadJsonAsync(await MemberClient.GetAsync("/api/users?include_inactive=true&q=leaver"))).GetProperty("items");

        var leaver = users.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(leaver.GetProperty("id").GetGuid(), Is.EqualTo(_leaver.Id));
            Assert.That(leaver.GetProperty("active").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task UsersList_WithIncludeInactiveNotABoolean_NamesTheParameter()
    {
        var messages = await (await MemberClient.GetAsync("/api/users?include_inactive=yes")).AssertValidationErrorAsync("include_inactive");

        Assert.That(messages.Single(), Does.Contain("true or false"));
    }

    [Test]
    public async Task ListUsersTool_LeavesOutDeactivatedPeople()
    {
        var (key, _) = await CreateApiKeyAsync(MemberClient);

        var page = Success(await CallAsync(await ConnectAsync(key), "list_users", new() { ["q"] = "example.com" }));

        Assert.That(page.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("email").GetString()),
            Is.EquivalentTo(new[] { Admin.Email, Member.Email }));
    }

    // With a repository the assignee and the repository are found in one query; without, through the user resolver.
    [TestCase(true, TestName = "CreateTask_ForADeactivatedPersonWithARepository_IsRefusedNamingThemAndTheFix")]
    [TestCase(false, TestName = "CreateTask_ForADeactivatedPerson_IsRefusedNamingThemAndTheFix")]
    public async Task CreateTask_ForADeactivatedPerson_IsRefusedNamingThemAndTheFix(bool withRepository)
    {
        await AddRepositoryAsync("billing");
        var body = withRepository
            ? (object)new { title = "Hand over", assignee_id = _leaver.Email, repository = "billing" }
            : new { title = "Hand over", assignee_id = _leaver.Id };

        var messages = await (await MemberClient.PostAsJsonAsync("/api/tasks", body, Json)).AssertValidationErrorAsync("assignee_id");

        AssertNamesTheLeaverAndTheFix(messages.Single());
        var tasks = await ReadJsonAsync(await MemberClient.GetAsync("/api/tasks"));
        Assert.That(tasks.GetProperty("items").GetArrayLength(), Is.Zero, "nothing was created");
    }

    [Test]
    public async Task UpdateTask_ToADeactivatedPerson_IsRefusedAndKeepsTheAssignee()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Hand over", assignee_id = "me" });

        var messages = await (await MemberClient.PatchAsJsonAsync($"/api/tasks/{task.Id()}", new { assignee_id = _leaver.Email }, Json))
            .AssertValidationErrorAsync("assignee_id");

        AssertNamesTheLeaverAndTheFix(messages.Single());
        var kept = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}"));
        Assert.That(kept.GetProperty("assignee").GetProperty("id").GetGuid(), Is.EqualTo(Member.Id));
    }

    [Test]
    public async Task Tools_AssigningToADeactivatedPerson_AreRefusedNamingTheArgument()
    {
        var (key, _) = await CreateApiKeyAsync(MemberClient);
        var client = await ConnectAsync(key);
        await AddRepositoryAsync("billing");
        var task = await MemberClient.CreateTaskAsync(new { title = "Hand over" });

        var created = Failure(await CallAsync(client, "create_task", new()
        {
            ["title"] = "Hand over",
            ["description"] = "Notes",
            ["repository"] = "billing",
            ["assignee_id"] = _leaver.Email,
        }));
        var updated = Failure(await CallAsync(client, "update_task", new() { ["task_id"] = task.Id(), ["assignee"] = _leaver.Email }));

        Assert.Multiple(() =>
        {
            Assert.That(created.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            AssertNamesTheLeaverAndTheFix(FieldMessage(created, "assignee_id"));
            Assert.That(updated.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            AssertNamesTheLeaverAndTheFix(FieldMessage(updated, "assignee"));
        });
    }

    [Test]
    public async Task ADeactivatedPersonsTask_StaysTheirs_AndCanStillBeEdited()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "Hand over" });
        await SetActiveAsync(_leaver, true);
        (await MemberClient.PatchAsJsonAsync($"/api/tasks/{task.Id()}", new { assignee_id = _leaver.Email }, Json)).EnsureSuccessStatusCode();
        await SetActiveAsync(_leaver, false);

        var edited = await MemberClient.PatchAsJsonAsync($"/api/tasks/{task.Id()}", new { title = "Hand over the keys", assignee_id = _leaver.Id }, Json);

        Assert.That(edited.StatusCode, Is.EqualTo(HttpStatusCode.OK), await edited.Content.ReadAsStringAsync());
        var body = await ReadJsonAsync(edited);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("title").GetString(), Is.EqualTo("Hand over the keys"));
            Assert.That(body.GetProperty("assignee").GetProperty("id").GetGuid(), Is.EqualTo(_leaver.Id), "keeping the assignee is no new assignment");
        });
    }

    private static void AssertNamesTheLeaverAndTheFix(string message) => Assert.Multiple(() =>
    {
        Assert.That(message, Does.Contain("leaver@example.com"));
        Assert.That(message, Does.Contain("deactivated"));
        Assert.That(message, Does.Contain("pick someone else"));
        Assert.That(message, Does.Contain("reactivate"));
    });

    private async Task SetActiveAsync(User user, bool active)
    {
        var response = await AdminClient.PatchAsJsonAsync($"/api/users/{user.Id}", new { active }, Json);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }
}
