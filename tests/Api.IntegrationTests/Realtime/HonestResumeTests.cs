using ModelContextProtocol.Client;
using StackExchange.Redis;
using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>
/// A position is served exactly or answered with a resync, never with a silent gap, also when newer events exist in a
/// log that lost what came before them. On a Redis of the fixture's own, which the tests flush as a restart without
/// persistence would.
/// </summary>
public sealed class HonestResumeTests : McpTestBase
{
    private readonly OwnRedisServer _redis = new();

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["REDIS_URL"] = _redis.Url,
        ["SSE_HEARTBEAT_SECONDS"] = "0.5",
        // Longer than any test: the reader reads when a doorbell rings, so a test that writes to Redis directly decides
        // when the reader sees it.
        ["SSE_POLL_MS"] = "60000",
    };

    [OneTimeSetUp]
    public Task StartRedisAsync() => _redis.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedisAsync() => await _redis.DisposeAsync();

    [Test]
    public async Task Resume_FromBeforeRedisLostItsData_GetsResync_ThoughNewerEventsFollowIt()
    {
        var seen = await LastSeenBeforeRedisLosesItsDataAsync();
        await LoggedEvents.IdOfAsync(_redis.Database, await CreateTaskAsync("After the loss"));

        await using var resumed = await SseStream.OpenAsync(MemberClient, lastEventId: seen);
        var first = await resumed.NextAsync();
        var later = await CreateTaskAsync("Later");
        var rest = await resumed.UntilAsync(e => e.TaskId == later);

        Assert.Multiple(() =>
        {
            Assert.That(first.Type, Is.EqualTo("resync"));
            Assert.That(first.Id, Is.Not.Null.And.Not.EqualTo(seen));
            Assert.That(rest.SkipLast(1).Select(e => e.Type), Is.All.EqualTo("resync"), "nothing from the new log is passed off as the continuation");
        });
    }

    [Test]
    public async Task Resume_FromBeforeRedisLostItsData_BeforeTheReaderHasReadTheNewLog_GetsOneResync_ToWhereTheLogNowEnds()
    {
        var seen = await LastSeenBeforeRedisLosesItsDataAsync();
        // Another instance's event, whose doorbell this instance did not hear (pub/sub delivers at most once, and a
        // restarted Redis drops the subscription until the client reconnects): the reader here still stands in the lost
        // log when the client resumes, and reads the new one only when the doorbell rings after the stream has opened.
        var end = (await _redis.Database.StreamAddAsync(LoggedEvents.Log, new NameValueEntry[]
        {
            new("event_type", "task_assigned"), new("task_id", Guid.NewGuid().ToString()), new("task_data", "{}"),
            new("timestamp", "2026-01-01T00:00:00Z"), new("event_id", Guid.NewGuid().ToString()), new("assignee_id", Admin.Id.ToString()),
        })).ToString();

        await using var resumed = await SseStream.OpenAsync(MemberClient, lastEventId: seen);
        await LoggedEvents.RingDoorbellAsync(_redis.Database);
        var first = await resumed.NextAsync();
        var later = await CreateTaskAsync("Later");
        var next = await resumed.NextAsync();

        Assert.Multiple(() =>
        {
            Assert.That(first.Type, Is.EqualTo("resync"));
            Assert.That(first.Id, Is.EqualTo(end), "the position a resync gives is where the log now ends, not one of the lost log");
            Assert.That((next.Type, next.TaskId), Is.EqualTo(("task_assigned", later)), "told to resync once, then what followed");
        });
    }

    [Test]
    public async Task OpenStream_WhenRedisLosesItsData_IsToldToResyncInBand_AndCarriesOn()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient);
        await CreateTaskAsync("Before the loss");
        await stream.NextAsync();

        await _redis.FlushAsync();
        await CreateTaskAsync("After the loss");
        var resync = await stream.NextAsync();
        var later = await CreateTaskAsync("Later");

        Assert.Multiple(async () =>
        {
            Assert.That(resync.Type, Is.EqualTo("resync"));
            Assert.That(resync.Id, Is.Not.Null);
            Assert.That((await stream.UntilAsync(e => e.TaskId == later)).Last().TaskId, Is.EqualTo(later), "the same connection goes on");
        });
    }

    [Test]
    public async Task WaitForChanges_SinceFromBeforeRedisLostItsData_AnswersResync_AndItsNextIsServed()
    {
        var agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "waiter")).Key);
        await LoggedEvents.IdOfAsync(_redis.Database, await CreateTaskAsync("Before the loss"));
        var since = (await WaitAsync(agent, null)).GetProperty("next").GetString()!;
        await _redis.FlushAsync();
        await LoggedEvents.IdOfAsync(_redis.Database, await CreateTaskAsync("After the loss"));

        var result = await CallAsync(agent, "wait_for_changes", new() { ["since"] = since, ["timeout_seconds"] = 0 });
        var changes = Success(result);
        var next = changes.GetProperty("next").GetString()!;
        var again = await WaitAsync(agent, next);

        Assert.Multiple(() =>
        {
            Assert.That(changes.GetProperty("resync").GetBoolean(), Is.True);
            Assert.That(changes.GetProperty("events").GetArrayLength(), Is.Zero);
            Assert.That(next, Is.Not.EqualTo(since));
            Assert.That(TextOf(result), Does.Contain("re-list with get_tasks"));
            Assert.That(again.GetProperty("resync").GetBoolean(), Is.False, "the position a resync gives is one the log serves");
        });
    }

    [Test]
    public async Task Heartbeats_CarryThePositionReached_AndAResumeFromItMissesNothing()
    {
        string heartbeatId;
        string othersEvent;
        await using (var stream = await SseStream.OpenAsync(MemberClient))
        {
            await CreateTaskAsync("Mine");
            await stream.NextAsync();
            // Someone else's event moves the log on without concerning this stream; the heartbeats follow it.
            var others = await AdminClient.CreateTaskAsync(new { title = "Not mine", assignee_id = "me" });
            othersEvent = await LoggedEvents.IdOfAsync(_redis.Database, others.Id());
            using var deadline = new CancellationTokenSource(SseStream.DefaultTimeout);
            while (stream.LastHeartbeatId != othersEvent && !deadline.IsCancellationRequested)
                await Task.Delay(50);
            heartbeatId = stream.LastHeartbeatId!;
        }
        var missed = await CreateTaskAsync("Missed while away");

        await using var resumed = await SseStream.OpenAsync(MemberClient, lastEventId: heartbeatId);

        Assert.Multiple(async () =>
        {
            Assert.That(heartbeatId, Is.EqualTo(othersEvent));
            Assert.That((await resumed.NextAsync()).TaskId, Is.EqualTo(missed));
        });
    }

    /// <summary>The id of an event a stream received, then closed, before Redis lost its data.</summary>
    private async Task<string> LastSeenBeforeRedisLosesItsDataAsync()
    {
        string seen;
        await using (var stream = await SseStream.OpenAsync(MemberClient))
        {
            await CreateTaskAsync("Before the loss");
            seen = (await stream.NextAsync()).Id!;
        }
        await _redis.FlushAsync();
        return seen;
    }

    private async Task<string> CreateTaskAsync(string title) =>
        (await MemberClient.CreateTaskAsync(new { title, assignee_id = "me" })).Id();

    private static async Task<System.Text.Json.JsonElement> WaitAsync(McpClient agent, string? since) =>
        Success(await CallAsync(agent, "wait_for_changes", new() { ["since"] = since, ["timeout_seconds"] = 0 }));
}
