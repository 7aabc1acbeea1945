using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace TaskManager.Bench;

/// <summary>
/// Scenario 5: Redis goes away while changes keep being committed (they wait in the outbox), then comes back; we
/// measure from the moment Redis answers again to the moment the last of those backlog events reached every
/// subscriber. Subscribers reconnect with Last-Event-ID if the server closes their stream meanwhile.
/// </summary>
public static class RecoveryScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var subscribers = context.Args.Int("subscribers", 100);
        var backlog = context.Args.Int("backlog", 500);
        var writeRate = context.Args.Double("write-rate", 100);
        var stopCommand = context.Args.Required("redis-stop");
        var startCommand = context.Args.Required("redis-start");
        var report = new ScenarioReport("recovery");
        using var client = new BenchClient(context.Url, context.Secret, 16);
        // One stream per user would be the common case; N > 1000 subscribers share the 1000 users (the server allows
        // SSE_MAX_STREAMS_PER_USER, default 20, per user). Every event is in the watched repository, so each
        // subscriber gets each event exactly once whether or not it is also the assignee.
        var tokens = Enumerable.Range(1, BenchIds.Users).Select(n => client.Token(BenchIds.User(n))).ToArray();
        string PathFor(int i) => $"/api/tasks/stream?access_token={tokens[i % tokens.Length]}&repositories={BenchIds.LiveRepository}";
        var writerToken = client.Token(BenchIds.User(BenchIds.AdminUser));
        var uri = new Uri(context.Url);
        var endpoint = new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);

        // The backlog is comments on live-repository tasks carrying this run's marker (a comment is always a change,
        // unlike a status that may already be set); each subscriber records the event ids it saw for them, so replays
        // after a reconnect are not counted twice.
        var marker = $"bench-recovery-{Guid.NewGuid():N}";
        var markerBytes = System.Text.Encoding.UTF8.GetBytes(marker);
        var seen = Enumerable.Range(0, subscribers).Select(_ => new ConcurrentDictionary<string, long>()).ToArray();
        var recording = 0;
        long reconnects = 0, resyncs = 0;
        void OnLine(SseConnection connection, ReadOnlySpan<byte> data, DateTime receivedAt)
        {
            if (EventLine.IsResync(data))
                Interlocked.Increment(ref resyncs);
            if (Volatile.Read(ref recording) == 0 || data.IndexOf(markerBytes) < 0 || EventLine.EventId(data) is not { } id)
                return;
            seen[connection.Index].TryAdd(id, Stopwatch.GetTimestamp());
        }

        using var stop = new CancellationTokenSource();
        var connections = Enumerable.Range(0, subscribers).Select(i => new SseConnection(endpoint, PathFor(i), OnLine) { Index = i }).ToArray();
        var loops = connections.Select(c => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await c.RunAsync(stop.Token);
                if (stop.IsCancellationRequested)
                    return;
                Interlocked.Increment(ref reconnects);
                await Task.Delay(200);
            }
        })).ToArray();
        await Task.WhenAll(connections.Select(c => c.Subscribed)).WaitAsync(TimeSpan.FromSeconds(60));

        await ShellAsync(stopCommand);
        var downAt = Stopwatch.GetTimestamp();
        Volatile.Write(ref recording, 1);
        var load = new OpenLoad(context.Cpu, context.Database);
        var writes = await load.RunAsync($"backlog @ {writeRate}/s", writeRate, TimeSpan.Zero, TimeSpan.FromSeconds(backlog / writeRate), i =>
        {
            var task = (int)(i % (100_000 / BenchIds.Repositories) + 1) * BenchIds.Repositories;
            var request = BenchClient.JsonRequest(HttpMethod.Post, $"{client.BaseUrl}/api/tasks/{BenchIds.Task(task)}/comments", writerToken,
                $$"""{"comment":"{{marker}} {{i}}"}""");
            return client.SendAsync(request, HttpStatusCode.Created);
        });
        await ShellAsync(startCommand);
        var upAt = Stopwatch.GetTimestamp();

        var deadline = Stopwatch.StartNew();
        while (seen.Any(s => s.Count < writes.Ok) && deadline.Elapsed < TimeSpan.FromSeconds(context.Args.Double("timeout", 60)))
            await Task.Delay(20);
        var complete = seen.Count(s => s.Count >= writes.Ok);
        var lastArrival = seen.SelectMany(s => s.Values).DefaultIfEmpty(upAt).Max();
        var firstAfterUp = seen.SelectMany(s => s.Values).Where(t => t >= upAt).DefaultIfEmpty(upAt).Min();
        await stop.CancelAsync();
        await Task.WhenAll(loops);

        double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
        var recovery = Ms(upAt, lastArrival);
        report.Line("### 5. Recovery after a Redis outage");
        report.Line();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{subscribers} subscribers on `{BenchIds.LiveRepository}`; Redis stopped (`SHUTDOWN SAVE`), {writes.Ok} comments committed at {writeRate}/s while it was down ")
            + string.Create(CultureInfo.InvariantCulture, $"({writes.Errors} failed), Redis restarted from its snapshot. Time measured from the restart command returning (Redis answers PING)."));
        report.Line();
        report.Line("| backlog events | Redis down s | first backlog event after restart ms | last backlog event at last subscriber ms | subscribers complete | reconnects | resyncs |");
        report.Line("|---:|---:|---:|---:|---:|---:|---:|");
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"| {writes.Ok} | {Ms(downAt, upAt) / 1000:F1} | {Ms(upAt, firstAfterUp):F0} | **{recovery:F0}** | {complete}/{subscribers} | {reconnects} | {resyncs} |"));
        report.Line();
        report.Metric("backlog", writes.Ok);
        report.Metric("write_errors", writes.Errors);
        report.Metric("down_seconds", Ms(downAt, upAt) / 1000);
        report.Metric("first_event_ms", Ms(upAt, firstAfterUp));
        report.Metric("recovery_ms", complete == subscribers ? recovery : -1);
        report.Metric("subscribers_complete", complete);
        report.Metric("reconnects", reconnects);
        await report.SaveAsync(context.Results);
    }

    private static async Task ShellAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"Could not run: {command}");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' exited with {process.ExitCode}.");
    }
}
