using ModelContextProtocol.Client;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>What an agent can do beyond the original five tools: find people and repositories, edit and reassign.</summary>
public sealed class McpAgentToolsTests : McpTestBase
{
    private McpClient _agent = null!;

    [SetUp]
    public async Task ConnectAgentAsync()
    {
        await AddRepositoryAsync("billing");
        await AddRepositoryAsync("billing-ui");
        await AddRepositoryAsync("auth-service");
        _agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "cursor")).Key);
    }

    [Test]
    public async Task ListRepositoriesAndUsers_SearchByText_AndPage()
    {
        var billing = Success(await CallAsync(_agent, "list_repositories", new() { ["q"] = "BILL" })).GetProperty("items");
        var firstPage = Success(await CallAsync(_agent, "list_repositories", new() { ["limit"] = 2 }));
        var admins = Success(await CallAsync(_agent, "list_users", new() { ["q"] = Admin.Email[..5] })).GetProperty("items");
        Assert.Multiple(() =>
        {
            Assert.That(billing.EnumerateArray().Select(r => r.GetProperty("name").GetString()), Is.EqualTo(new[] { "billing", "billing-ui" }));
            Assert.That(firstPage.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
            Assert.That(firstPage.GetProperty("next_cursor").GetString(), Is.Not.Null);
            Assert.That(admins.EnumerateArray().Select(u => u.GetProperty("email").GetString()), Does.Contain(Admin.Email));
        });
    }

    [Test]
    public async Task UpdateTask_EditsReassignsAndMoves_AndNoneClears()
    {
        var id = Success(await CallAsync(_agent, "create_task", new() { ["title"] = "Draft", ["description"] = "d", ["repository"] = "billing" }))
            .GetProperty("id").GetString();

        var edited = Success(await CallAsync(_agent, "update_task", new()
        {
            ["task_id"] = id,
            ["title"] = "Final",
            ["priority"] = "urgent",
            ["assignee"] = Admin.Email,
            ["repository"] = "auth-service",
        }));
        var cleared = Success(await CallAsync(_agent, "update_task", new() { ["task_id"] = id, ["assignee"] = "none", ["repository"] = "none" }));
        Assert.Multiple(() =>
        {
            Assert.That(edited.GetProperty("title").GetString(), Is.EqualTo("Final"));
            Assert.That(edited.GetProperty("priority").GetString(), Is.EqualTo("urgent"));
            Assert.That(edited.GetProperty("assignee").GetProperty("email").GetString(), Is.EqualTo(Admin.Email));
            Assert.That(edited.GetProperty("repository").GetString(), Is.EqualTo("auth-service"));
            Assert.That(edited.GetProperty("updated_by").GetString(), Is.EqualTo("cursor"), "the key's name labels the change");
            Assert.That(cleared.GetProperty("assignee").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(cleared.GetProperty("repository").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
        });
    }

    [Test]
    public async Task SameStatusWithAComment_KeepsTheComment()
    {
        var id = Success(await CallAsync(_agent, "create_task", new() { ["title"] = "t", ["description"] = "d", ["repository"] = "billing" }))
            .GetProperty("id").GetString();

        Success(await CallAsync(_agent, "update_task_status", new() { ["task_id"] = id, ["new_status"] = "not_started", ["comment"] = "Still waiting on design." }));

        var comments = Success(await CallAsync(_agent, "get_task", new() { ["task_id"] = id })).GetProperty("comments");
        Assert.That(comments.EnumerateArray().Select(c => c.GetProperty("comment").GetString()), Is.EqualTo(new[] { "Still waiting on design." }));
    }

    [Test]
    public async Task GetTasks_TextIsOneLinePerTask_AndStructuredContentIsComplete()
    {
        var id = Success(await CallAsync(_agent, "create_task", new() { ["title"] = "Line me", ["description"] = "A short description.", ["assignee_id"] = "me", ["repository"] = "billing" }))
            .GetProperty("id").GetString()!;

        var result = await CallAsync(_agent, "get_tasks", []);
        var row = Success(result).GetProperty("items")[0];
        var lines = TextOf(result).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(4), "a header, the column names, one task, the end of the listing");
            Assert.That(lines[2], Does.StartWith(id).And.Contain("Line me").And.Contain("not_started").And.Contain(Member.Email).And.Contain("A short description."));
            Assert.That(row.GetProperty("assignee").GetString(), Is.EqualTo(Member.Email));
            Assert.That(row.GetProperty("excerpt").GetString(), Is.EqualTo("A short description."));
            Assert.That(row.TryGetProperty("version", out _), Is.False, "summary rows leave the full fields out");
        });
    }

    [Test]
    public async Task GetTasks_Text_SaysASharedValueOnce()
    {
        foreach (var title in new[] { "One", "Two" })
            Success(await CallAsync(_agent, "create_task", new() { ["title"] = title, ["description"] = "d", ["assignee_id"] = "me", ["repository"] = "billing" }));
        Success(await CallAsync(_agent, "update_task_status", new()
        {
            ["task_id"] = Success(await CallAsync(_agent, "get_tasks", [])).GetProperty("items")[0].GetProperty("id").GetString(),
            ["new_status"] = "in_progress",
        }));

        var lines = TextOf(await CallAsync(_agent, "get_tasks", [])).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.Contain($"assignee {Member.Email}").And.Contain("repository billing").And.Not.Contain("status"));
            Assert.That(lines[1], Is.EqualTo("id | title | status | priority | updated | excerpt").Or.EqualTo("id | title | status | excerpt"));
            Assert.That(lines.Skip(2).Take(2), Has.All.Not.Contain("billing").And.Not.Contain(Member.Email));
        });
    }
}
