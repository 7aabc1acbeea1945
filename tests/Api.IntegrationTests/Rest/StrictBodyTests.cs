using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

/// <summary>
/// A body field the endpoint does not take is refused, never ignored: the error names it, says where the change is made
/// when there is such a place, lists the allowed fields, and the database is left as it was.
/// </summary>
public sealed class StrictBodyTests : IntegrationTestBase
{
    private const string PatchFields = "title, description, priority, complexity, assignee_id, repository";

    [Test]
    public async Task Patch_WithAMisspeltField_Is400_NamingIt_AndListingTheAllowedFields()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var messages = await RefusedAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"titel":"x"}""", "titel");

        Assert.That(messages.Single(), Does.Contain("'titel' is not a field").And.Contain(PatchFields));
    }

    [Test]
    public async Task Patch_WithAStatus_Is400_PointingToThePutStatusRoute()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var messages = await RefusedAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"title":"new","status":"completed"}""", "status");

        Assert.That(messages.Single(), Does.Contain("PUT /api/tasks/{id}/status").And.Contain(PatchFields));
        var current = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}"));
        Assert.That(current.GetProperty("title").GetString(), Is.EqualTo("t"), "a refused PATCH changes no field, not even the valid ones");
    }

    [Test]
    public async Task Patch_WithTheVersion_Is400_PointingToIfMatch()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var messages = await RefusedAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"version":7}""", "version");

        Assert.That(messages.Single(), Does.Contain("If-Match"));
    }

    [TestCase("id", "\"00000000-0000-0000-0000-000000000001\"")]
    [TestCase("created_at", "\"2026-01-01T00:00:00Z\"")]
    [TestCase("created_by", "\"someone\"")]
    [TestCase("labels", "[\"a\"]")]
    public async Task Create_WithAReadOnlyOrUnknownField_Is400_NamingIt(string field, string value)
    {
        var messages = await RefusedAsync(HttpMethod.Post, "/api/tasks", $$"""{"title":"t","{{field}}":{{value}}}""", field);

        Assert.That(messages.Single(), Does.Contain("title, description, assignee_id, repository, priority, complexity, status"));
    }

    [TestCase("/api/users", """{"email":"new@example.com","role":"admin"}""", "role")]
    [TestCase("/api/repositories", """{"name":"new-repo","owner":"x"}""", "owner")]
    [TestCase("/api/api-keys", """{"name":"agent","scopes":["all"]}""", "scopes")]
    public async Task DirectoryAndKeyBodies_AreStrictToo(string path, string body, string field) =>
        await RefusedAsync(HttpMethod.Post, path, body, field, AdminClient);

    [Test]
    public async Task StatusChangeAndComment_AreStrictToo()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        await RefusedAsync(HttpMethod.Put, $"/api/tasks/{task.Id()}/status", """{"status":"blocked","reason":"x"}""", "reason");
        await RefusedAsync(HttpMethod.Post, $"/api/tasks/{task.Id()}/comments", """{"comment":"x","author":"me"}""", "author");
    }

    [Test]
    public async Task EmptyPatch_Is400_SayingThereIsNothingToChange()
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });

        var messages = await RefusedAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", "{}", "body");

        Assert.That(messages.Single(), Does.Contain("Nothing to change").And.Contain(PatchFields));
    }

    private async Task<IReadOnlyList<string>> RefusedAsync(HttpMethod method, string path, string body, string field, HttpClient? client = null)
    {
        var database = (await DatabaseAsync()).ConnectionString;
        var before = await DatabaseSnapshot.TakeAsync(database);

        var response = await (client ?? MemberClient).SendJsonAsync(method, path, body);

        var messages = await response.AssertValidationErrorAsync(field);
        Assert.That(await DatabaseSnapshot.TakeAsync(database), Is.EqualTo(before), "the database is unchanged");
        return messages;
    }
}
