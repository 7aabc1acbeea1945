using System.Net;

namespace TaskManager.Bench;

/// <summary>
/// Not a measurement: a freshly started server spends its first tens of seconds compiling (tier-0 JIT, then tier-1
/// with PGO) and filling pools, ~0.4 cores of JIT alone. Every code path the scenarios use runs here first, so
/// the measured windows see the steady state a long-running server is in.
/// </summary>
public static class WarmupScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var seconds = context.Args.Double("seconds", 20);
        var rate = context.Args.Double("rate", 600);
        var apiKey = context.Args.Text("api-key", "");
        using var client = new BenchClient(context.Url, context.Secret, 32);
        var tokens = Enumerable.Range(1, 100).Select(n => client.Token(BenchIds.User(n))).ToArray();
        long statusCounter = 5_000_000; // far from the writes scenario's walk, in the same stride order
        var result = await new OpenLoad(context.Cpu, context.Database).RunAsync("warm-up", rate, TimeSpan.Zero, TimeSpan.FromSeconds(seconds), i => (i % 10) switch
        {
            0 => client.SendAsync(WritesScenario.Create(client.BaseUrl, tokens, 10_000_000 + i), HttpStatusCode.Created),
            1 => client.SendAsync(WritesScenario.StatusChange(client.BaseUrl, tokens, Interlocked.Increment(ref statusCounter)), HttpStatusCode.OK),
            2 when apiKey.Length > 0 => client.SendAsync(McpScenario.Call(client.BaseUrl, apiKey, i), HttpStatusCode.OK),
            _ => client.SendAsync(RestReadScenario.Request(client.BaseUrl, tokens, i), HttpStatusCode.OK),
        });
        Console.Error.WriteLine($"warm-up: {result.Ok} requests, {result.Errors + result.Dropped} failed, p50 {result.P50:F1} ms, p99 {result.P99:F1} ms");
    }
}
