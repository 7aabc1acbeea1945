using System.Text.Json;
using ModelContextProtocol.Client;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>
/// Every mistake an agent commonly makes, over both transports: each is an error result with the contract's code, and
/// its message says how to fix it (the allowed values, the argument, where ids and names come from), once.
/// </summary>
public sealed class McpErrorTableTests : McpTestBase
{
    private sealed record Mistake(string Name, string Tool, Dictionary<string, object?> Arguments, string Code, params string[] Fix);

    [Test]
    public async Task OverHttp_EveryMistakeNamesItsFix()
    {
        var key = await PrepareAsync();
        await AssertTableAsync(await ConnectAsync(key));
    }

    [Test]
    public async Task OverStdio_EveryMistakeNamesItsFix()
    {
        var key = await PrepareAsync();
        await AssertTableAsync(await StartStdioAsync(key, []));
    }

    [Test]
    public async Task EverydayWords_ForStatusesArePlainStatuses()
    {
        var agent = await ConnectAsync(await PrepareAsync());
        var task = await CreateAsync(agent);

        var done = Success(await CallAsync(agent, "update_task_status", new() { ["task_id"] = task, ["new_status"] = "done" }));
        var todo = Success(await CallAsync(agent, "update_task_status", new() { ["task_id"] = task, ["new_status"] = "To Do" }));
        var doing = Success(await CallAsync(agent, "update_task_status", new() { ["task_id"] = task, ["new_status"] = "doing" }));
        Assert.Multiple(() =>
        {
            Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(todo.GetProperty("status").GetString(), Is.EqualTo("not_started"));
            Assert.That(doing.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
        });
    }

    private async Task AssertTableAsync(McpClient agent)
    {
        var task = await CreateAsync(agent);
        Mistake[] table =
        [
            new("unknown tool", "get_taks", [], "not_found", "get_tasks", "create_task"),
            new("malformed task id", "get_task", new() { ["task_id"] = "T-1" }, "validation_failed", "task_id", "get_tasks"),
            new("unknown task id", "get_task", new() { ["task_id"] = Guid.NewGuid().ToString() }, "not_found", "get_tasks"),
            new("unknown status", "update_task_status", new() { ["task_id"] = task, ["new_status"] = "frozen" }, "validation_failed",
                "new_status", "not_started, in_progress, blocked, completed, cancelled"),
            new("unknown priority", "create_task", Create(("priority", "extreme")), "validation_failed", "priority", "low, medium, high, urgent"),
            new("unknown user", "create_task", Create(("assignee_id", "nobody@example.com")), "not_found", "list_users"),
            new("misspelt repository", "create_task", Create(("repository", "biling")), "not_found", "billing"),
            new("unknown repository", "get_tasks", new() { ["repository"] = "zzzz-nothing-like-it" }, "not_found", "list_repositories"),
            new("wrong argument type", "get_tasks", new() { ["limit"] = "ten" }, "validation_failed", "limit", "integer"),
            new("misspelt argument", "get_tasks", new() { ["usr_id"] = "me" }, "validation_failed", "usr_id", "user_id"),
            new("missing argument", "create_task", new() { ["description"] = "d", ["repository"] = "billing" }, "validation_failed", "title"),
            new("stale version", "update_task_status", new() { ["task_id"] = task, ["new_status"] = "blocked", ["expected_version"] = 99 },
                "conflict", "version 1", "expected_version 1"),
        ];

        foreach (var mistake in table)
        {
            var error = Failure(await CallAsync(agent, mistake.Tool, mistake.Arguments));
            var message = error.GetProperty("message").GetString()!;
            Assert.Multiple(() =>
            {
                Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(mistake.Code), mistake.Name);
                foreach (var fix in mistake.Fix)
                    Assert.That(message, Does.Contain(fix), $"{mistake.Name}: the message names the fix");
                Assert.That(SentencesOf(error.GetProperty("details")).Where(s => message.Contains(s, StringComparison.Ordinal)), Is.Empty,
                    $"{mistake.Name}: no sentence twice");
            });
        }
    }

    private async Task<string> PrepareAsync()
    {
        await AddRepositoryAsync("billing");
        return (await CreateApiKeyAsync(MemberClient, "error-table")).Key;
    }

    private static async Task<string> CreateAsync(McpClient agent) =>
        Success(await CallAsync(agent, "create_task", Create())).GetProperty("id").GetString()!;

    private static Dictionary<string, object?> Create(params (string Key, object? Value)[] changes)
    {
        var arguments = new Dictionary<string, object?> { ["title"] = "Fix login", ["description"] = "d", ["repository"] = "billing", ["assignee_id"] = "me" };
        foreach (var (key, value) in changes)
            arguments[key] = value;
        return arguments;
    }

    /// <summary>Every text in the details longer than a few words: what would repeat a sentence of the message.</summary>
    private static IEnumerable<string> SentencesOf(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => SentencesOf(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(SentencesOf),
        JsonValueKind.String when element.GetString()!.Split(' ').Length > 3 => [element.GetString()!],
        _ => [],
    };
}
