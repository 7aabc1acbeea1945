using StackExchange.Redis;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>
/// Runs the application on a Redis of its own, so stopping it affects no other test: writes go on while it is down,
/// and once it is back every event arrives exactly once.
/// </summary>
[NonParallelizable]
public sealed class RedisOutageTests : LiveUpdateTestBase
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromSeconds(90);

    private readonly RedisServerProcess _redis = new();

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["REDIS_URL"] = _redis.Url,
        ["OUTBOX_MAX_BACKOFF_MS"] = "500",
    };

    [OneTimeSetUp]
    public async Task StartOwnRedisAsync() => await _redis.StartAsync();

    [OneTimeTearDown]
    public void StopOwnRedis() => _redis.Dispose();

    [Test]
    public async Task WritesWhileRedisIsDown_Succeed_AndEveryEventIsDeliveredExactlyOnceWhenItReturns()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient, $"?repositories={Repo}");
        var before = await CreateTaskAsync(MemberClient, "Before the outage", "me", Repo);
        Assert.That((await stream.NextAsync()).TaskId, Is.EqualTo(before));

        _redis.Stop();
        var during = new List<string>();
        for (var i = 0; i < 5; i++)
            during.Add(await CreateTaskAsync(MemberClient, $"During the outage {i}", "me", Repo)); // asserts 201 each time
        await ChangeStatusAsync(MemberClient, during[0], "completed");
        await _redis.StartAsync();

        var marker = await CreateTaskAsync(MemberClient, "After the outage", "me", Repo);
        var delivered = await stream.UntilAsync(e => e.TaskId == marker, RecoveryTimeout);
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port}");
        var logged = (await redis.GetDatabase().StreamRangeAsync("tasks:notifications", "-", "+"))
            .Select(e => (string)e["event_id"]!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(delivered.Select(e => e.TaskId), Is.EqualTo(during.Append(during[0]).Append(marker)));
            Assert.That(delivered.Select(e => e.Type), Is.EqualTo(Enumerable.Repeat("task_assigned", 5).Append("task_completed").Append("task_assigned")));
            Assert.That(delivered.Select(e => e.EventId), Is.Unique);
            Assert.That(logged, Is.Unique);
            Assert.That(logged, Is.SupersetOf(delivered.Select(e => e.EventId)));
        });
    }
}
