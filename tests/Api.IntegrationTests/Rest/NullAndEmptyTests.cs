using System.Net;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

/// <summary>
/// One rule for null and empty values (docs/rest.md): in a body, null and "" both mean "no value" (PATCH: an omitted field
/// is left alone, no value clears an optional field and is refused for one a task always has); in a query string, an
/// empty value is the same as no parameter.
/// </summary>
public sealed class NullAndEmptyTests : IntegrationTestBase
{
    [TestCase("null")]
    [TestCase("\"\"")]
    [TestCase("\"   \"")]
    public async Task Patch_DescriptionWithNoValue_ClearsIt(string value)
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t", description = "before" });

        var patched = await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", $$"""{"description":{{value}}}""");

        Assert.That(patched.StatusCode, Is.EqualTo(HttpStatusCode.OK), await patched.Content.ReadAsStringAsync());
        var current = await ReadJsonAsync(await MemberClient.GetAsync($"/api/tasks/{task.Id()}"));
        Assert.That(current.GetProperty("description").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
    }

    [Test]
    public async Task Patch_OmittedFields_AreLeftAsTheyAre()
    {
        await AddRepositoryAsync("api");
        var task = await MemberClient.CreateTaskAsync(new { title = "t", description = "kept", assignee_id = Member.Email, repository = "api", priority = "high" });

        var patched = await ReadJsonAsync(await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", """{"title":"renamed"}"""));

        Assert.Multiple(() =>
        {
            Assert.That(patched.GetProperty("title").GetString(), Is.EqualTo("renamed"));
            Assert.That(patched.GetProperty("description").GetString(), Is.EqualTo("kept"));
            Assert.That(patched.GetProperty("assignee").GetProperty("email").GetString(), Is.EqualTo(Member.Email));
            Assert.That(patched.GetProperty("repository").GetString(), Is.EqualTo("api"));
            Assert.That(patched.GetProperty("priority").GetString(), Is.EqualTo("high"));
        });
    }

    [TestCase("null")]
    [TestCase("\"\"")]
    public async Task Patch_ReferencesWithNoValue_UnassignAndDetach(string value)
    {
        await AddRepositoryAsync("api");
        var task = await MemberClient.CreateTaskAsync(new { title = "t", assignee_id = Member.Email, repository = "api" });

        var patched = await ReadJsonAsync(await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}",
            $$"""{"assignee_id":{{value}},"repository":{{value}}}"""));

        Assert.Multiple(() =>
        {
            Assert.That(patched.GetProperty("assignee").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(patched.GetProperty("repository").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }

    [TestCase("title", "null")]
    [TestCase("title", "\"\"")]
    [TestCase("priority", "null")]
    [TestCase("priority", "\"\"")]
    [TestCase("complexity", "null")]
    public async Task Patch_NoValueForAFieldATaskAlwaysHas_Is400_AndChangesNothing(string field, string value)
    {
        var task = await MemberClient.CreateTaskAsync(new { title = "t" });
        var database = (await DatabaseAsync()).ConnectionString;
        var before = await DatabaseSnapshot.TakeAsync(database);

        var response = await MemberClient.SendJsonAsync(HttpMethod.Patch, $"/api/tasks/{task.Id()}", $$"""{"{{field}}":{{value}}}""");

        Assert.That(await response.AssertValidationErrorAsync(field), Is.Not.Empty);
        Assert.That(await DatabaseSnapshot.TakeAsync(database), Is.EqualTo(before), "the database is unchanged");
    }

    [Test]
    public async Task Create_NullAndEmptyOptionalFields_MeanTheSameAsLeavingThemOut()
    {
        var withNulls = await MemberClient.CreateTaskAsync(new { title = "a", description = (string?)null, assignee_id = (string?)null, repository = (string?)null, priority = (string?)null });
        var withEmpty = await MemberClient.CreateTaskAsync(new { title = "b", description = "", assignee_id = "", repository = "", priority = "", complexity = "", status = "" });
        var omitted = await MemberClient.CreateTaskAsync(new { title = "c" });

        Assert.Multiple(() =>
        {
            foreach (var task in new[] { withNulls, withEmpty, omitted })
            {
                Assert.That(task.GetProperty("description").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
                Assert.That(task.GetProperty("assignee").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
                Assert.That(task.GetProperty("repository").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
                Assert.That(task.GetProperty("priority").GetString(), Is.EqualTo("medium"));
                Assert.That(task.GetProperty("complexity").GetString(), Is.EqualTo("medium"));
                Assert.That(task.GetProperty("status").GetString(), Is.EqualTo("not_started"));
            }
        });
    }

    [TestCase("/api/tasks", "user_id")]
    [TestCase("/api/tasks", "assignee")]
    [TestCase("/api/tasks", "repository")]
    [TestCase("/api/tasks", "status")]
    [TestCase("/api/tasks", "priority")]
    [TestCase("/api/tasks", "q")]
    [TestCase("/api/tasks", "updated_since")]
    [TestCase("/api/tasks", "sort")]
    [TestCase("/api/tasks", "limit")]
    [TestCase("/api/tasks", "cursor")]
    [TestCase("/api/users", "limit")]
    [TestCase("/api/users", "cursor")]
    [TestCase("/api/repositories", "cursor")]
    [TestCase("/api/api-keys", "user_id")]
    public async Task EmptyFilterValue_IsIgnored(string path, string parameter)
    {
        await MemberClient.CreateTaskAsync(new { title = "one" });
        await MemberClient.CreateTaskAsync(new { title = "two", assignee_id = Member.Email });
        var unfiltered = await (await MemberClient.GetAsync(path)).Content.ReadAsStringAsync();

        var response = await MemberClient.GetAsync($"{path}?{parameter}=");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(unfiltered));
    }
}
