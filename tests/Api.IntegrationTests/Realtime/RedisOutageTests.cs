using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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

    private readonly int _port = FreePort();
    private readonly string _directory = Directory.CreateTempSubdirectory("taskmanager-redis-").FullName;
    private Process? _redis;

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["REDIS_URL"] = $"redis://127.0.0.1:{_port}",
        ["OUTBOX_MAX_BACKOFF_MS"] = "500",
    };

    [OneTimeSetUp]
    public async Task StartOwnRedisAsync() => await StartRedisAsync();

    [OneTimeTearDown]
    public void StopOwnRedis()
    {
        StopRedis();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task WritesWhileRedisIsDown_Succeed_AndEveryEventIsDeliveredExactlyOnceWhenItReturns()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient, $"?repositories={Repo}");
        var before = await CreateTaskAsync(MemberClient, "Before the outage", "me", Repo);
        Assert.That((await stream.NextAsync()).TaskId, Is.EqualTo(before));

        StopRedis();
        var during = new List<string>();
        for (var i = 0; i < 5; i++)
            during.Add(await CreateTaskAsync(MemberClient, $"During the outage {i}", "me", Repo)); // asserts 201 each time
        await ChangeStatusAsync(MemberClient, during[0], "completed");
        await StartRedisAsync();

        var marker = await CreateTaskAsync(MemberClient, "After the outage", "me", Repo);
        var delivered = await stream.UntilAsync(e => e.TaskId == marker, RecoveryTimeout);
        using var redis = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_port}");
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

    private async Task StartRedisAsync()
    {
        _redis = Process.Start(new ProcessStartInfo("redis-server",
            ["--port", _port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir", _directory])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _redis.BeginOutputReadLine();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, _port, timeout.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, timeout.Token);
            }
        }
    }

    private void StopRedis()
    {
        if (_redis is null || _redis.HasExited)
            return;
        _redis.Kill();
        _redis.WaitForExit();
        _redis.Dispose();
        _redis = null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
