using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Application.Common.Json;
using TaskManager.Domain.Users;
using TaskManager.Infrastructure.Persistence;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Relay;

/// <summary>
/// Two instances as OS processes of their own on one PostgreSQL and a Redis of the fixture's own (so no other test's
/// relay shares the lease or the epoch), with a short relay lease: one is frozen (SIGSTOP) or killed (SIGKILL) while
/// the other goes on, and the stream is checked for every event exactly once, each task's in commit order.
/// </summary>
[NonParallelizable]
public sealed partial class RelayFailoverTests
{
    private const int LeaseSeconds = 2;
    private const int BatchSize = 200;

    /// <summary>Generous for a shared, noisy box: the lease hands over in about <see cref="LeaseSeconds"/>.</summary>
    private static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(90);

    private readonly RedisServerProcess _redis = new();
    private DatabaseReset _database = null!;
    private ConnectionMultiplexer _redisClient = null!;
    private string _token = "";

    [OneTimeSetUp]
    public async Task StartServersAsync()
    {
        _database = await DatabaseReset.CreateAsync("taskmanager_relay_tests");
        await _redis.StartAsync();
        _redisClient = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port}");
    }

    [OneTimeTearDown]
    public async Task StopServersAsync()
    {
        await _redisClient.DisposeAsync();
        _redis.Dispose();
    }

    [SetUp]
    public async Task ResetAsync()
    {
        await _database.ResetAsync();
        var options = new DbContextOptionsBuilder<ApplicationDbContext>().UseNpgsql(_database.ConnectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new ApplicationDbContext(options);
        var user = User.Create("relay@example.com", "Rae Relay", null, DateTimeOffset.UtcNow);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        _token = Tokens.For(user.Id);
    }

    [Test]
    public async Task FrozenRelayHolder_IsReplacedWhileFrozen_AndOnceThawedPublishesNothingTwiceOrOutOfOrder()
    {
        await using var first = await StartInstanceAsync();
        await using var second = await StartInstanceAsync();
        var written = new List<string> { await CreateTaskAsync(first, "Warm-up") };
        await DeliveredAsync(written);
        var (holder, other) = await HolderAsync(first, second);

        // The holder relays these while they are written; the freeze lands while it is at work or just after.
        for (var i = 0; i < 20; i++)
            written.Add(await CreateTaskAsync(other, $"Before the freeze {i}"));
        await holder.FreezeAsync();
        var frozenAt = Stopwatch.StartNew();
        for (var i = 0; i < 10; i++)
            written.Add(await CreateTaskAsync(other, $"While frozen {i}"));
        await DeliveredAsync(written);
        await TestContext.Out.WriteLineAsync($"Everything written so far was on the stream {frozenAt.Elapsed.TotalSeconds:0.0} s after the freeze.");
        Assert.That(await LeaseHolderPidAsync(), Is.EqualTo(other.Id), "the other instance took the lease while the holder was frozen");

        // Thawed, the old holder resumes whatever it was doing, including publishes under its old epoch. Once the other
        // instance stops, it is the only relay left, so the marker below is on the stream only after it got past them.
        await holder.ThawAsync();
        written.Add(await CreateTaskAsync(holder, "Written on the thawed instance"));
        await other.StopAsync();
        written.Add(await CreateTaskAsync(holder, "Marker"));
        var delivered = await DeliveredAsync(written);

        Assert.Multiple(() =>
        {
            Assert.That(delivered.Select(e => e.TaskId), Is.EqualTo(written), "each task once, in the order written");
            Assert.That(delivered.Select(e => e.EventId), Is.Unique);
        });
        Assert.That(await LeaseHolderPidAsync(), Is.EqualTo(holder.Id), "the thawed instance relays again, under a new lease");
    }

    [Test]
    public async Task ConcurrentChangesToTheSameTasks_ThroughTwoInstances_ArriveExactlyOnceInCommitOrder_WhenTheHolderIsKilledMidBatch()
    {
        await using var first = await StartInstanceAsync();
        await using var second = await StartInstanceAsync();
        var taskIds = new List<string>();
        for (var i = 0; i < 6; i++)
            taskIds.Add(await CreateTaskAsync(i % 2 == 0 ? first : second, $"Shared {i}"));
        await DeliveredAsync(taskIds);
        var (holder, survivor) = await HolderAsync(first, second);

        // Six writers edit the same six tasks through both instances; a third of the way in, the holder dies.
        var writes = 0;
        var killed = new TaskCompletionSource();
        var writers = Enumerable.Range(0, 6).Select(async writer =>
        {
            for (var i = 0; i < 30; i++)
            {
                var through = (writer + i) % 2 == 0 && !killed.Task.IsCompleted ? holder : survivor;
                await EditAsync(through, survivor, taskIds[(writer + i) % taskIds.Count], $"Writer {writer} edit {i}");
                if (Interlocked.Increment(ref writes) == 60)
                {
                    await holder.KillAsync();
                    killed.SetResult();
                }
            }
        });
        await Task.WhenAll(writers);

        var finalVersions = new Dictionary<string, int>();
        foreach (var taskId in taskIds)
            finalVersions[taskId] = (await ReadJsonAsync(await survivor.Client.GetAsync($"/api/tasks/{taskId}"))).GetProperty("version").GetInt32();
        var delivered = await UntilAsync(events => taskIds.All(t => events.Any(e => e.TaskId == t && e.Version == finalVersions[t])));

        Assert.Multiple(() =>
        {
            foreach (var taskId in taskIds)
            {
                Assert.That(delivered.Where(e => e.TaskId == taskId).Select(e => e.Version), Is.EqualTo(Enumerable.Range(1, finalVersions[taskId])),
                    $"task {taskId}: every committed version once, in order");
            }
            Assert.That(delivered.Select(e => e.EventId), Is.Unique);
            Assert.That(finalVersions.Values.Sum(), Is.GreaterThan(taskIds.Count * 10), "the writers changed the tasks many times over");
        });
    }

    [Test]
    public async Task Backlog_IsPublishedInBatches_WithOneMarkStatementPerBatch()
    {
        await using var instance = await StartInstanceAsync();
        _redis.Stop();
        var written = new List<string>();
        try
        {
            // Committed while Redis is away, so the relay finds all of them waiting when it returns.
            for (var round = 0; round < 30; round++)
                written.AddRange(await Task.WhenAll(Enumerable.Range(0, 10).Select(i => CreateTaskAsync(instance, $"Backlog {round}.{i}"))));
        }
        finally
        {
            await _redis.StartAsync();
        }
        await DeliveredAsync(written);
        Assert.That(await OutboxRows.AllMarkedPublishedAsync(_database.ConnectionString, DeliveryTimeout), Is.True,
            "every published row is marked published");
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();

        // Every row a statement marks gets that statement's now(), so each distinct time is one mark (one commit).
        await using var marks = new NpgsqlCommand("SELECT count(DISTINCT published_at) FROM outbox_messages", connection);
        Assert.That((long)(await marks.ExecuteScalarAsync())!, Is.EqualTo((written.Count + BatchSize - 1) / BatchSize),
            $"{written.Count} events in batches of {BatchSize}");
    }

    private Task<AppProcess> StartInstanceAsync() => AppProcess.StartAsync(new Dictionary<string, string>
    {
        ["DATABASE_URL"] = _database.ConnectionString,
        ["REDIS_URL"] = _redis.Url,
        ["JWT_SECRET"] = TestEnvironment.JwtSecret,
        ["API_KEY_SALT"] = TestEnvironment.ApiKeySalt,
        ["OUTBOX_LEASE_SECONDS"] = LeaseSeconds.ToString(),
        ["OUTBOX_BATCH_SIZE"] = BatchSize.ToString(),
        ["OUTBOX_POLL_MS"] = "200",
        ["OUTBOX_MAX_BACKOFF_MS"] = "500",
        ["RATE_LIMIT_PER_MINUTE"] = "0",
    }, _token);

    private static async Task<string> CreateTaskAsync(AppProcess instance, string title)
    {
        var response = await instance.Client.PostAsJsonAsync("/api/tasks", new { title, assignee_id = "me" }, WireJson.Options);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// One edit, through <paramref name="instance"/> or, once that is dead, through <paramref name="fallback"/>. A conflict
    /// with a concurrent edit is a lost race, not a failure: only committed edits are counted, by the task's version.
    /// </summary>
    private static async Task EditAsync(AppProcess instance, AppProcess fallback, string taskId, string title)
    {
        HttpResponseMessage response;
        try
        {
            response = await instance.Client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title }, WireJson.Options);
        }
        catch (HttpRequestException)
        {
            response = await fallback.Client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title }, WireJson.Options);
        }
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK).Or.EqualTo(HttpStatusCode.Conflict), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The instance whose relay holds the lease, and the other one.</summary>
    private async Task<(AppProcess Holder, AppProcess Other)> HolderAsync(AppProcess first, AppProcess second)
    {
        var pid = await LeaseHolderPidAsync();
        Assert.That(pid, Is.EqualTo(first.Id).Or.EqualTo(second.Id), "one of the two instances holds the relay lease");
        return pid == first.Id ? (first, second) : (second, first);
    }

    /// <summary>The process id in the lease's holder (host:pid:random).</summary>
    private async Task<int?> LeaseHolderPidAsync()
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT holder FROM outbox_relay_lease WHERE expires_at > now()", connection);
        return await command.ExecuteScalarAsync() is string holder ? int.Parse(HolderPid().Match(holder).Groups[1].Value) : null;
    }

    /// <summary>Waits until every task in <paramref name="taskIds"/> is on tasks:notifications; returns the events of these tasks in stream order.</summary>
    private async Task<List<StreamEvent>> DeliveredAsync(IReadOnlyCollection<string> taskIds)
    {
        var all = await UntilAsync(events => taskIds.All(t => events.Any(e => e.TaskId == t)));
        return all.Where(e => taskIds.Contains(e.TaskId)).ToList();
    }

    private async Task<List<StreamEvent>> UntilAsync(Func<List<StreamEvent>, bool> done)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var events = (await _redisClient.GetDatabase().StreamRangeAsync("tasks:notifications", "-", "+")).Select(StreamEvent.From).ToList();
            if (done(events))
                return events;
            if (deadline.Elapsed > DeliveryTimeout)
                Assert.Fail($"Not delivered within {DeliveryTimeout}; the stream has {events.Count} events.");
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [GeneratedRegex(@"^.*:(\d+):[0-9a-f]+$")]
    private static partial Regex HolderPid();

    private sealed record StreamEvent(string TaskId, string EventId, int Version)
    {
        public static StreamEvent From(StreamEntry entry) => new(
            entry["task_id"]!,
            entry["event_id"]!,
            JsonDocument.Parse((string)entry["task_data"]!).RootElement.GetProperty("version").GetInt32());
    }
}
