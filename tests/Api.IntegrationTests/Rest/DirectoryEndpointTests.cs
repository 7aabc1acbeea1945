using System.Net;
using System.Net.Http.Json;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

/// <summary>/api/users and /api/repositories: everyone signed in reads, only administrators write.</summary>
public sealed class DirectoryEndpointTests : IntegrationTestBase
{
    [Test]
    public async Task CreateUser_AsMember_Is403_AndCreatesNothing()
    {
        var response = await MemberClient.PostAsJsonAsync("/api/users", new { email = "eve@example.com" }, Json);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
        var users = await ReadJsonAsync(await MemberClient.GetAsync("/api/users"));
        Assert.That(users.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task CreateRepository_AsMember_Is403() =>
        await (await MemberClient.PostAsJsonAsync("/api/repositories", new { name = "billing" }, Json)).AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");

    [Test]
    public async Task CreateUser_AsMember_WithAnInvalidBody_IsStill403()
    {
        // Authorization comes before validation: a member learns nothing about the rules of an admin-only write.
        var response = await MemberClient.PostAsJsonAsync("/api/users", new { email = "" }, Json);

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Test]
    public async Task CreateUser_AsAdmin_Is201_WithTheUserAndItsLocation()
    {
        var response = await AdminClient.PostAsJsonAsync("/api/users", new { email = "Eve@Example.com", name = "Eve", github_username = "eve-gh" }, Json);

        var user = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/users/{user.Id()}"));
            Assert.That(user.GetProperty("email").GetString(), Is.EqualTo("eve@example.com"));
            Assert.That(user.GetProperty("name").GetString(), Is.EqualTo("Eve"));
            Assert.That(user.GetProperty("github_username").GetString(), Is.EqualTo("eve-gh"));
            Assert.That(Guid.TryParse(user.Id(), out _), Is.True);
        });
    }

    [Test]
    public async Task CreateRepository_AsAdmin_Is201_AndUsableByTasks()
    {
        var response = await AdminClient.PostAsJsonAsync("/api/repositories", new { name = "billing", url = "https://github.com/org/billing" }, Json);

        var repository = await ReadJsonAsync(response);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/api/repositories/{repository.Id()}"));
            Assert.That(repository.GetProperty("name").GetString(), Is.EqualTo("billing"));
            Assert.That(repository.GetProperty("url").GetString(), Is.EqualTo("https://github.com/org/billing"));
            var task = await MemberClient.CreateTaskAsync(new { title = "t", repository = "billing" });
            Assert.That(task.GetProperty("repository").GetString(), Is.EqualTo("billing"));
        });
    }

    [Test]
    public async Task CreateUser_Duplicate_Is409()
    {
        var response = await AdminClient.PostAsJsonAsync("/api/users", new { email = "MEMBER@example.com" }, Json);

        var details = (await response.AssertErrorAsync(HttpStatusCode.Conflict, "conflict")).GetProperty("details");
        Assert.That(details.GetProperty("email").GetString(), Is.EqualTo("member@example.com"));
    }

    [Test]
    public async Task CreateRepository_InvalidName_Is400_OnName()
    {
        var response = await AdminClient.PostAsJsonAsync("/api/repositories", new { name = "has spaces" }, Json);

        Assert.That(await response.AssertValidationErrorAsync("name"), Is.Not.Empty);
    }

    [Test]
    public async Task CreateUser_InvalidEmail_Is400_OnEmail()
    {
        var response = await AdminClient.PostAsJsonAsync("/api/users", new { email = "not-an-email" }, Json);

        Assert.That(await response.AssertValidationErrorAsync("email"), Does.Contain("Email must be an address such as ada@example.com."));
    }

    [Test]
    public async Task Users_PageByEmail_UntilTheLastPage()
    {
        // The long address ends a page, so a next_cursor is built from it and must be accepted back.
        var longEmail = new string('c', 200) + "@example.com";
        foreach (var email in new[] { "carol@example.com", "bob@example.com", "dave@example.com", longEmail })
            (await AdminClient.PostAsJsonAsync("/api/users", new { email }, Json)).EnsureSuccessStatusCode();

        var emails = await WalkAsync("/api/users", "email");

        Assert.That(emails, Is.EqualTo(new[]
        {
            "admin@example.com", "bob@example.com", "carol@example.com", longEmail, "dave@example.com", "member@example.com",
        }));
    }

    [Test]
    public async Task Repositories_PageByName_UntilTheLastPage()
    {
        foreach (var name in new[] { "c", "a", "b", "d/e" })
            await AddRepositoryAsync(name);

        Assert.That(await WalkAsync("/api/repositories", "name"), Is.EqualTo(new[] { "a", "b", "c", "d/e" }));
    }

    [TestCase("/api/users?limit=0", "limit")]
    [TestCase("/api/users?limit=x", "limit")]
    [TestCase("/api/users?cursor=garbage", "cursor")]
    [TestCase("/api/repositories?limit=501", "limit")]
    public async Task DirectoryList_WithBadParameters_Is400(string path, string field) =>
        Assert.That(await (await MemberClient.GetAsync(path)).AssertValidationErrorAsync(field), Is.Not.Empty);

    private async Task<List<string>> WalkAsync(string path, string property)
    {
        var values = new List<string>();
        string? cursor = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var response = await MemberClient.GetAsync($"{path}?limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var page = await ReadJsonAsync(response);
            values.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetString()!));
            cursor = page.GetProperty("next_cursor").GetString();
            if (cursor is null)
                break;
        }
        return values;
    }
}
