using System.Net.Http.Json;
using ModelContextProtocol.Client;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>add_dependency, remove_dependency, get_ready_tasks and dependencies in get_task, as an agent calls them.</summary>
public sealed class McpDependencyToolsTests : McpTestBase
{
    private McpClient _agent = null!;
    private string _repository = "";

    [SetUp]
    public async Task ConnectAgentAsync()
    {
        _repository = $"deps-{Guid.NewGuid():N}"[..20];
        await AddRepositoryAsync(_repository);
        _agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "planner")).Key);
    }

    [Test]
    public async Task AddDependency_LinksOnce_AndGetTaskShowsBothSides()
    {
        var later = await CreateAsync("Announce");
        var first = await CreateAsync("Publish");

        var added = await CallAsync(_agent, "add_dependency", new() { ["task_id"] = later, ["blocked_by"] = first });
        var again = Success(await CallAsync(_agent, "add_dependency", new() { ["task_id"] = later, ["blocked_by"] = first }));
        var waiting = await CallAsync(_agent, "get_task", new() { ["task_id"] = later });
        var blocking = await CallAsync(_agent, "get_task", new() { ["task_id"] = first });

        Assert.Multiple(() =>
        {
            Assert.That(Success(added).GetProperty("blocked_by").EnumerateArray().Select(l => l.GetProperty("id").GetString()), Is.EqualTo(new[] { first }));
            Assert.That(TextOf(added), Does.Contain($"blocked by {first} | Publish | not_started"));
            Assert.That(again.GetProperty("blocked_by").GetArrayLength(), Is.EqualTo(1), "adding twice links once");
            Assert.That(Success(waiting).GetProperty("blocked_by")[0].GetProperty("title").GetString(), Is.EqualTo("Publish"));
            Assert.That(TextOf(waiting), Does.Contain($"blocked by {first} | Publish | not_started"));
            Assert.That(Success(blocking).GetProperty("blocks")[0].GetProperty("id").GetString(), Is.EqualTo(later));
            Assert.That(TextOf(blocking), Does.Contain($"blocks {later} | Announce | not_started"));
        });
    }

    [Test]
    public async Task RemoveDependency_UnlinksTheTasks()
    {
        var later = await CreateAsync("Announce");
        var first = await CreateAsync("Publish");
        await CallAsync(_agent, "add_dependency", new() { ["task_id"] = later, ["blocked_by"] = first });

        var removed = await CallAsync(_agent, "remove_dependency", new() { ["task_id"] = later, ["blocked_by"] = first });

        Assert.Multiple(() =>
        {
            Assert.That(Success(removed).GetProperty("blocked_by").GetArrayLength(), Is.Zero);
            Assert.That(TextOf(removed), Does.EndWith("no dependencies"));
        });
    }

    [Test]
    public async Task ACycle_IsRefused_WithTheCycleSpelledOut()
    {
        var a = await CreateAsync("A");
        var b = await CreateAsync("B");
        var c = await CreateAsync("C");
        await CallAsync(_agent, "add_dependency", new() { ["task_id"] = a, ["blocked_by"] = b });
        await CallAsync(_agent, "add_dependency", new() { ["task_id"] = b, ["blocked_by"] = c });

        var error = Failure(await CallAsync(_agent, "add_dependency", new() { ["task_id"] = c, ["blocked_by"] = a }));

        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("conflict"));
            Assert.That(error.GetProperty("details").GetProperty("cycle").EnumerateArray().Select(t => t.GetProperty("title").GetString()),
                Is.EqualTo(new[] { "C", "A", "B" }));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("\"C\" -> ").And.Contain("Remove one of these dependencies"));
        });
    }

    [Test]
    public async Task AnUnknownBlocker_IsNotFound_SayingWhereTaskIdsComeFrom()
    {
        var a = await CreateAsync("A");
        var missing = Guid.NewGuid().ToString();

        var error = Failure(await CallAsync(_agent, "add_dependency", new() { ["task_id"] = a, ["blocked_by"] = missing }));
        var malformed = Failure(await CallAsync(_agent, "remove_dependency", new() { ["task_id"] = a, ["blocked_by"] = "first-one" }));

        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("not_found"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain($"'{missing}' (blocked_by)").And.Contain("get_tasks"));
            Assert.That(FieldMessage(malformed, "blocked_by"), Does.Contain("not a task id"));
        });
    }

    [Test]
    public async Task GetReadyTasks_ListsWhatCanStart_AsRows()
    {
        var blocker = await CreateAsync("Blocker");
        var blocked = await CreateAsync("Blocked");
        await CallAsync(_agent, "add_dependency", new() { ["task_id"] = blocked, ["blocked_by"] = blocker });

        var ready = await CallAsync(_agent, "get_ready_tasks", new() { ["repository"] = _repository });

        Assert.Multiple(() =>
        {
            Assert.That(Success(ready).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("id").GetString()), Is.EqualTo(new[] { blocker }));
            Assert.That(TextOf(ready), Does.StartWith("1 task(s)").And.Contain($"{blocker} | Blocker |").And.Not.Contain(blocked));
        });
    }

    [Test]
    public async Task GetReadyTasks_WithALimitOutOfRange_IsRefused()
    {
        var error = Failure(await CallAsync(_agent, "get_ready_tasks", new() { ["limit"] = 0 }));

        Assert.That(FieldMessage(error, "limit"), Does.Contain("between 1"));
    }

    [Test]
    public async Task CompletingTheLastBlocker_ReachesWaitForChanges_AsTaskUnblocked()
    {
        var since = Success(await CallAsync(_agent, "wait_for_changes", new() { ["timeout_seconds"] = 0 })).GetProperty("next").GetString();
        var dependant = await CreateAsync("Waits");
        var blocker = await CreateAsync("Goes first");
        await CallAsync(_agent, "add_dependency", new() { ["task_id"] = dependant, ["blocked_by"] = blocker });
        // Events are relayed after the commit, commits close together in one batch: read past all three changes' events
        // (the creations reach this caller as task_updated too) before completing the blocker.
        (_, since) = await ChangesUntilAsync(since, 3, _ => true);

        await CallAsync(_agent, "update_task_status", new() { ["task_id"] = blocker, ["new_status"] = "completed" });
        var (events, _) = await ChangesUntilAsync(since, 2, _ => true);

        Assert.That(events, Is.EquivalentTo(new[] { ("task_completed", blocker), ("task_unblocked", dependant) }));
    }

    /// <summary>
    /// The repository's events after <paramref name="since"/>, asked for until <paramref name="count"/> of them match
    /// (they may be relayed apart, and each call returns what has arrived), and the position after them.
    /// </summary>
    private async Task<(List<(string? Type, string? Id)> Events, string? Next)> ChangesUntilAsync(
        string? since, int count, Func<(string? Type, string? Id), bool> match)
    {
        var events = new List<(string? Type, string? Id)>();
        for (var call = 0; call < 5 && events.Count(match) < count; call++)
        {
            var changes = Success(await CallAsync(_agent, "wait_for_changes",
                new() { ["since"] = since, ["timeout_seconds"] = 10, ["repository"] = _repository }));
            events.AddRange(changes.GetProperty("events").EnumerateArray().Select(e => (e.GetProperty("type").GetString(), e.GetProperty("task_id").GetString())));
            since = changes.GetProperty("next").GetString();
        }
        return (events, since);
    }

    private async Task<string> CreateAsync(string title)
    {
        var response = await MemberClient.PostAsJsonAsync("/api/tasks", new { title, repository = _repository }, Json);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }
}
