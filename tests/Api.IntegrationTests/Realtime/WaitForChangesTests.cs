using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using TaskManager.Api.IntegrationTests.Mcp;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>The <c>wait_for_changes</c> long poll: at once when something is waiting, on the next event, or empty at its timeout.</summary>
public sealed class WaitForChangesTests : McpTestBase
{
    private McpClient _agent = null!;
    private string _repository = "";

    [SetUp]
    public async Task ConnectAgentAsync()
    {
        _repository = $"wait-{Guid.NewGuid():N}"[..20];
        await AddRepositoryAsync(_repository);
        _agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "waiter")).Key);
    }

    [Test]
    public async Task NothingHappens_ReturnsEmptyAtTheTimeout_WithAPositionToContinueFrom()
    {
        var clock = Stopwatch.StartNew();

        var changes = await WaitAsync(new() { ["timeout_seconds"] = 1 });

        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)).And.LessThan(TimeSpan.FromSeconds(5)));
            Assert.That(changes.GetProperty("events").GetArrayLength(), Is.Zero);
            Assert.That(changes.GetProperty("next").GetString(), Is.Not.Empty);
            Assert.That(changes.GetProperty("resync").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task EventsWaitingAfterSince_ReturnAtOnce_AndNextMovesPastThem()
    {
        var since = await NowAsync();
        var taskId = await CreateTaskAsync(MemberClient, "Waiting for the agent", Member.Email);
        var clock = Stopwatch.StartNew();

        var changes = await WaitAsync(new() { ["since"] = since, ["timeout_seconds"] = 30 });

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        var change = changes.GetProperty("events").EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(change.GetProperty("type").GetString(), Is.EqualTo("task_assigned"));
            Assert.That(change.GetProperty("task_id").GetString(), Is.EqualTo(taskId));
            Assert.That(change.GetProperty("title").GetString(), Is.EqualTo("Waiting for the agent"));
            Assert.That(change.GetProperty("status").GetString(), Is.EqualTo("not_started"));
            Assert.That(Guid.TryParse(change.GetProperty("event_id").GetString(), out _), Is.True);
        });
        var again = await WaitAsync(new() { ["since"] = changes.GetProperty("next").GetString(), ["timeout_seconds"] = 0 });
        Assert.That(again.GetProperty("events").GetArrayLength(), Is.Zero, "the next call starts after what was returned");
    }

    [Test]
    public async Task AnEventPublishedWhileWaiting_WakesTheCall()
    {
        var since = await NowAsync();
        var clock = Stopwatch.StartNew();
        var waiting = WaitAsync(new() { ["since"] = since, ["timeout_seconds"] = 30 });
        await Task.Delay(500);
        Assert.That(waiting.IsCompleted, Is.False, "nothing has happened yet");

        var taskId = await CreateTaskAsync(AdminClient, "Assigned while the agent waits", Member.Email);

        var changes = await waiting;
        Assert.Multiple(() =>
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
            Assert.That(changes.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("task_id").GetString()), Is.EqualTo(new[] { taskId }));
        });
    }

    [Test]
    public async Task OthersTasks_ArriveOnlyForTheRepositoryAsked()
    {
        var elsewhere = $"other-{Guid.NewGuid():N}"[..20];
        await AddRepositoryAsync(elsewhere);
        var since = await NowAsync();
        await CreateTaskAsync(AdminClient, "Someone else's, elsewhere", Admin.Email, elsewhere);
        var inRepository = await CreateTaskAsync(AdminClient, "Someone else's, in the repository", Admin.Email);

        // The relay publishes after the commit, commits close together in one batch: the repository's event is awaited,
        // and by then the other, committed before it, is in the log too.
        var withRepository = await WaitAsync(new() { ["since"] = since, ["timeout_seconds"] = 30, ["repository"] = _repository.ToUpperInvariant() });
        var mine = await WaitAsync(new() { ["since"] = since, ["timeout_seconds"] = 0 });

        Assert.Multiple(() =>
        {
            Assert.That(mine.GetProperty("events").GetArrayLength(), Is.Zero, "by default only the caller's tasks");
            Assert.That(withRepository.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("task_id").GetString()),
                Is.EqualTo(new[] { inRepository }));
        });
    }

    [Test]
    public async Task TextRendering_IsOneLinePerEvent_ThenTheNextPosition()
    {
        var since = await NowAsync();
        await CreateTaskAsync(MemberClient, "First", Member.Email);
        await CreateTaskAsync(MemberClient, "Second", Member.Email);

        // Both are committed, but the relay publishes each in its own time: look until both are in the log.
        CallToolResult result;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        do
            result = await CallAsync(_agent, "wait_for_changes", new() { ["since"] = since, ["timeout_seconds"] = 0 });
        while (Success(result).GetProperty("events").GetArrayLength() < 2 && !deadline.IsCancellationRequested);

        var lines = TextOf(result).Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(3));
            Assert.That(lines[0], Does.Contain("task_assigned").And.EndWith("| not_started | First"));
            Assert.That(lines[2], Is.EqualTo("next: " + Success(result).GetProperty("next").GetString()));
        });
    }

    [TestCase(61)]
    [TestCase(-1)]
    public async Task ATimeoutOutOfRange_IsRefusedWithTheAllowedRange(int timeout)
    {
        var error = Failure(await CallAsync(_agent, "wait_for_changes", new() { ["timeout_seconds"] = timeout }));

        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
            Assert.That(FieldMessage(error, "timeout_seconds"), Does.Contain("between 0").And.Contain("60"));
        });
    }

    [Test]
    public async Task ASinceThatIsNoEventId_IsRefused()
    {
        var error = Failure(await CallAsync(_agent, "wait_for_changes", new() { ["since"] = "yesterday" }));

        Assert.That(FieldMessage(error, "since"), Does.Contain("next"));
    }

    [Test]
    public async Task ASinceNoLongerInTheLog_AsksTheAgentToReList()
    {
        // An id beyond the log's end is one from a log that was reset: what came after it cannot be replayed.
        var result = await CallAsync(_agent, "wait_for_changes", new() { ["since"] = "99999999999999-0", ["timeout_seconds"] = 0 });

        var changes = Success(result);
        Assert.Multiple(() =>
        {
            Assert.That(changes.GetProperty("resync").GetBoolean(), Is.True);
            Assert.That(changes.GetProperty("next").GetString(), Is.Not.EqualTo("99999999999999-0"));
            Assert.That(TextOf(result), Does.Contain("re-list with get_tasks"));
        });
    }

    private async Task<JsonElement> WaitAsync(Dictionary<string, object?> arguments) =>
        Success(await CallAsync(_agent, "wait_for_changes", arguments));

    /// <summary>The position of the log's end, as an agent gets it from its first call.</summary>
    private async Task<string> NowAsync() => (await WaitAsync(new() { ["timeout_seconds"] = 0 })).GetProperty("next").GetString()!;

    private async Task<string> CreateTaskAsync(HttpClient client, string title, string assignee, string? repository = null)
    {
        var response = await client.PostAsJsonAsync("/api/tasks",
            new { title, description = "", assignee_id = assignee, repository = repository ?? _repository }, Json);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }
}
