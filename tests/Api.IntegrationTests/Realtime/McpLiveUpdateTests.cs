using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>Changes an agent makes over MCP reach editors' live streams like REST changes do (same handlers, same events).</summary>
public sealed class McpLiveUpdateTests : McpTestBase
{
    [Test]
    public async Task McpCreateTask_ForUserWithOpenStream_ArrivesAsTaskAssigned()
    {
        var repository = $"agents-{Guid.NewGuid():N}"[..20];
        await AddRepositoryAsync(repository);
        var agent = await ConnectAsync((await CreateApiKeyAsync(AdminClient, "claude")).Key);
        await using var stream = await SseStream.OpenAsync(MemberClient);

        var created = Success(await CallAsync(agent, "create_task", new()
        {
            ["title"] = "Agent-made task",
            ["description"] = "Created over MCP.",
            ["assignee_id"] = Member.Email,
            ["repository"] = repository,
            ["created_by"] = "claude",
        }));

        var received = await stream.NextAsync();
        Assert.Multiple(() =>
        {
            Assert.That(received.Type, Is.EqualTo("task_assigned"));
            Assert.That(received.TaskId, Is.EqualTo(created.GetProperty("id").GetString()));
            Assert.That(received.Data.GetProperty("task").GetProperty("created_by").GetString(), Is.EqualTo("claude"));
        });
    }

    [Test]
    public async Task McpStatusChangeAndComment_ReachRepositorySubscriber_AsCompletedAndCommented()
    {
        var repository = $"agents-{Guid.NewGuid():N}"[..20];
        await AddRepositoryAsync(repository);
        var agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "cursor")).Key);
        await using var stream = await SseStream.OpenAsync(AdminClient, $"?repositories={repository}");
        var taskId = Success(await CallAsync(agent, "create_task", new()
        {
            ["title"] = "Agent work",
            ["description"] = "",
            ["assignee_id"] = "me",
            ["repository"] = repository,
        })).GetProperty("id").GetString();

        Success(await CallAsync(agent, "update_task_status", new() { ["task_id"] = taskId, ["new_status"] = "completed", ["updated_by"] = "cursor" }));
        Success(await CallAsync(agent, "add_task_comment", new() { ["task_id"] = taskId, ["comment"] = "All green." }));

        var events = await stream.NextAsync(3);
        Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "task_assigned", "task_completed", "task_commented" }));
    }
}
