using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;

namespace TaskManager.Bench;

/// <summary>
/// Scenario 4: N open SSE subscribers (all watching the live repository, so every event fans out to all of them),
/// the server's resident memory per connection, and commit-to-client latency: the time from the change (the
/// event's <c>timestamp</c>, taken just before the commit) to the moment a subscriber's read returned it.
/// </summary>
public static class SseScenario
{
    /// <summary>Tasks only this scenario changes, so every status change it sends is a real change.</summary>
    private const int LiveTaskCount = 32;

    private static long _statusCounter;
    private static Guid[] _liveTasks = [];

    public static async Task RunAsync(BenchContext context)
    {
        var counts = context.Args.Ints("subscribers", "1000,5000,10000");
        var eventRate = context.Args.Double("event-rate", 5);
        var eventSeconds = context.Args.Double("event-seconds", 10);
        var report = new ScenarioReport(context.ResultName("sse"));
        report.Line("### 4. Live updates: SSE fan-out");
        report.Line();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"All subscribers watch repository `{BenchIds.LiveRepository}`; {eventRate} status changes/s in it for {eventSeconds} s, each fanned out to every subscriber. ")
            + "Latency = read completion on the subscriber − the event's `timestamp` (set just before the commit), same clock. "
            + "Memory = growth of the server's RSS from before connecting to all subscribed, divided by N. Subscribers are raw sockets (8 kB buffer each).");
        report.Line();
        report.Line("Where the time goes, from the server's own histograms over the window (docs/operations.md#metrics, interpolated within "
            + "their buckets, so no finer than them; – for a server without them): *queued* is the change → the event queued for every "
            + "stream (commit, relay, Redis, the reader), *written* the change → each stream's writer writing it (the fan-out). "
            + "The rest of the receipt time is the kernel's and the generator's reading, on the same two cores.");
        report.Line();
        report.Line("| subscribers | connect s | server RSS before MB | after MB | KB per connection | events | deliveries (expected) | p50 ms | p90 ms | p99 ms | max ms | queued p99 ms | written p50 / p99 ms | server cores | generator cores |");
        report.Line("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        _liveTasks = await CreateLiveTasksAsync(context);
        foreach (var count in counts)
        {
            var row = await RunOnceAsync(context, count, eventRate, eventSeconds);
            report.Line(row.Markdown);
            foreach (var (key, value) in row.Metrics)
                report.Metric($"n{count}_{key}", value);
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        report.Line();
        await report.SaveAsync(context.Results);
    }

    private static async Task<(string Markdown, Dictionary<string, double> Metrics)> RunOnceAsync(BenchContext context, int count, double eventRate, double eventSeconds)
    {
        using var client = new BenchClient(context.Url, context.Secret, 8);
        // One stream per user would be the common case; N > 1000 subscribers share the 1000 users (the server allows
        // SSE_MAX_STREAMS_PER_USER, default 20, per user). Every event is in the watched repository, so each
        // subscriber gets each event exactly once whether or not it is also the assignee.
        var tokens = Enumerable.Range(1, BenchIds.Users).Select(n => client.Token(BenchIds.User(n))).ToArray();
        string PathFor(int i) => $"/api/tasks/stream?access_token={tokens[i % tokens.Length]}&repositories={BenchIds.LiveRepository}";
        var writerToken = client.Token(BenchIds.User(BenchIds.AdminUser));
        var uri = new Uri(context.Url);
        var endpoint = new IPEndPoint(IPAddress.Parse(uri.Host), uri.Port);
        var samples = new LatencySamples((int)(count * eventRate * eventSeconds * 1.2) + 1000);
        long deliveries = 0;

        void OnLine(SseConnection connection, ReadOnlySpan<byte> data, DateTime receivedAt)
        {
            if (EventLine.IsHeartbeat(data) || EventLine.Timestamp(data) is not { } at)
                return;
            Interlocked.Increment(ref deliveries);
            samples.AddMilliseconds((receivedAt - at).TotalMilliseconds);
        }

        GC.Collect();
        var rssBefore = CpuMeter.ResidentBytes(context.ServerPid);
        using var stop = new CancellationTokenSource();
        var connections = Enumerable.Range(0, count).Select(i => new SseConnection(endpoint, PathFor(i), OnLine) { Index = i }).ToArray();
        var connectWatch = Stopwatch.StartNew();
        var running = new List<Task>(count);
        using (var gate = new SemaphoreSlim(200))
        {
            foreach (var connection in connections)
            {
                await gate.WaitAsync();
                var run = connection.RunAsync(stop.Token);
                running.Add(run);
                _ = Task.WhenAny(connection.Subscribed, run).ContinueWith(_ => gate.Release(), TaskScheduler.Default);
            }
            var all = Task.WhenAll(connections.Select(c => c.Subscribed));
            if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(120))) != all)
                throw new TimeoutException($"Only {connections.Count(c => c.Subscribed.IsCompletedSuccessfully)} of {count} SSE subscribers were subscribed after 120 s.");
        }
        var connectSeconds = connectWatch.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3));
        var rssAfter = CpuMeter.ResidentBytes(context.ServerPid);
        Interlocked.Exchange(ref deliveries, 0);

        var lagsBefore = await ServerLagHistograms.ScrapeAsync(client);
        var load = new OpenLoad(context.Cpu, context.Database);
        var writes = await load.RunAsync($"events @ {eventRate}/s", eventRate, TimeSpan.Zero, TimeSpan.FromSeconds(eventSeconds), _ =>
        {
            // Each task starts not_started and alternates blocked / in_progress, one pass over all of them at a time.
            var n = Interlocked.Increment(ref _statusCounter) - 1;
            var status = n / _liveTasks.Length % 2 == 0 ? "blocked" : "in_progress";
            return client.SendAsync(WritesScenario.StatusRequest(client.BaseUrl, writerToken, _liveTasks[n % _liveTasks.Length], status), HttpStatusCode.OK);
        });
        var expected = writes.Ok * count;
        var deadline = Stopwatch.StartNew();
        while (Interlocked.Read(ref deliveries) < expected && deadline.Elapsed < TimeSpan.FromSeconds(15))
            await Task.Delay(100);
        var cpu = writes.Cpu;
        var got = Interlocked.Read(ref deliveries);
        var lagsAfter = await ServerLagHistograms.ScrapeAsync(client);
        double? ServerLag(string name, double quantile) =>
            lagsBefore is null ? null : lagsAfter?.QuantileMilliseconds(name, quantile, lagsBefore);
        var queuedP99 = ServerLag(ServerLagHistograms.Dispatch, 0.99);
        var (writtenP50, writtenP99) = (ServerLag(ServerLagHistograms.Write, 0.5), ServerLag(ServerLagHistograms.Write, 0.99));
        await stop.CancelAsync();
        await Task.WhenAll(running);

        var latency = samples.Percentiles();
        var perConnection = (rssAfter - rssBefore) / (double)count;
        var metrics = new Dictionary<string, double>
        {
            ["connect_seconds"] = connectSeconds,
            ["rss_before_bytes"] = rssBefore,
            ["rss_after_bytes"] = rssAfter,
            ["bytes_per_connection"] = perConnection,
            ["events"] = writes.Ok,
            ["deliveries"] = got,
            ["deliveries_expected"] = expected,
            ["p50_ms"] = latency["p50"],
            ["p90_ms"] = latency["p90"],
            ["p99_ms"] = latency["p99"],
            ["max_ms"] = latency["max"],
        };
        foreach (var (key, value) in new[] { ("queued_p99_ms", queuedP99), ("written_p50_ms", writtenP50), ("written_p99_ms", writtenP99) })
        {
            if (value is { } known)
                metrics[key] = known;
        }
        foreach (var (key, value) in cpu)
            metrics[key] = value;
        static string Ms(double? value) => value is { } known ? known.ToString("F1", CultureInfo.InvariantCulture) : "–";
        var markdown = string.Create(CultureInfo.InvariantCulture,
            $"| {count} | {connectSeconds:F1} | {rssBefore / 1048576.0:F0} | {rssAfter / 1048576.0:F0} | {perConnection / 1024:F1} | {writes.Ok} | {got} ({expected}) | {latency["p50"]:F1} | {latency["p90"]:F1} | {latency["p99"]:F1} | {latency["max"]:F1} | {Ms(queuedP99)} | {Ms(writtenP50)} / {Ms(writtenP99)} | {cpu["cpu_server_cores"]:F2} | {cpu["cpu_generator_cores"]:F2} |");
        return (markdown, metrics);
    }

    /// <summary>
    /// Seeded tasks will not do: the writes scenario may already have set the status a change here asks for, and a
    /// change to the same status publishes nothing, so the round would wait out its deadline for events never sent.
    /// </summary>
    private static async Task<Guid[]> CreateLiveTasksAsync(BenchContext context)
    {
        using var client = new BenchClient(context.Url, context.Secret, 4);
        var token = client.Token(BenchIds.User(BenchIds.AdminUser));
        var ids = new Guid[LiveTaskCount];
        for (var i = 0; i < ids.Length; i++)
        {
            var request = BenchClient.JsonRequest(HttpMethod.Post, client.BaseUrl + "/api/tasks", token,
                $$"""{"title":"SSE fan-out task {{i}}","repository":"{{BenchIds.LiveRepository}}"}""");
            var (status, body) = await client.SendForTextAsync(request);
            if (status != HttpStatusCode.Created)
                throw new InvalidOperationException($"Creating an SSE scenario task answered {(int)status}: {body}");
            ids[i] = JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
        }
        return ids;
    }
}
