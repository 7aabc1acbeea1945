using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace TaskManager.Bench;

/// <summary>
/// Scenario 3: MCP <c>tools/call get_tasks</c> (stateless Streamable HTTP, API key) versus the same REST list
/// query, interleaved request by request in one fixed-rate schedule so both meet the same machine state.
/// </summary>
public static class McpScenario
{
    public static async Task RunAsync(BenchContext context)
    {
        var rate = context.Args.Int("rate", 1000);
        var apiKey = context.Args.Required("api-key");
        using var client = new BenchClient(context.Url, context.Secret, context.Args.Int("connections", 32));
        var tokens = new[] { client.Token(BenchIds.User(BenchIds.AdminUser)) };
        var report = new ScenarioReport("mcp-vs-rest");

        var (status, body) = await client.SendForTextAsync(Call(client.BaseUrl, apiKey, 0));
        if (status != HttpStatusCode.OK || !body.Contains("\"structuredContent\"", StringComparison.Ordinal) || body.Contains("\"isError\":true", StringComparison.Ordinal))
            throw new InvalidOperationException($"MCP get_tasks answered {(int)status}: {body[..Math.Min(400, body.Length)]}");

        report.Line("### 3. MCP `tools/call get_tasks` versus REST, same query");
        report.Line();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"One schedule at {rate} req/s alternating REST and MCP requests (same user, status and limit 50); an MCP answer is {body.Length / 1024.0:F1} kB (SSE-framed JSON-RPC with the JSON text and `structuredContent`)."));
        report.Line();
        var result = await new OpenLoad(context.Cpu, context.Database).RunAsync($"REST+MCP @ {rate}/s", rate, context.Warmup, context.Duration,
            i => i % 2 == 0
                ? client.SendAsync(RestReadScenario.Request(client.BaseUrl, tokens, i / 2), HttpStatusCode.OK)
                : McpOkAsync(client, Call(client.BaseUrl, apiKey, i / 2)),
            2, i => (int)(i % 2));
        var (rest, mcp) = (result.ByKind[0], result.ByKind[1]);
        report.Line("| kind | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms |");
        report.Line("|---|---:|---:|---:|---:|---:|");
        foreach (var (kind, latency) in new[] { ("REST", rest), ("MCP", mcp) })
            report.Line(string.Create(CultureInfo.InvariantCulture, $"| {kind} | {latency["p50"]:F2} | {latency["p90"]:F2} | {latency["p99"]:F2} | {latency["p99.9"]:F2} | {latency["max"]:F1} |"));
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"| **MCP / REST** | **{mcp["p50"] / rest["p50"]:F2}x** | {mcp["p90"] / rest["p90"]:F2}x | **{mcp["p99"] / rest["p99"]:F2}x** | | |"));
        report.Line();
        report.Line(LoadResult.TableHeader);
        report.Line(result.TableRow());
        report.Line();
        result.AddTo(report, "mixed");
        foreach (var (key, value) in rest)
            report.Metric($"rest_{key}_ms", value);
        foreach (var (key, value) in mcp)
            report.Metric($"mcp_{key}_ms", value);
        report.Metric("ratio_p50", mcp["p50"] / rest["p50"]);
        report.Metric("ratio_p99", mcp["p99"] / rest["p99"]);

        // CPU cannot be told apart within one mixed schedule, so each kind also runs alone at the same rate.
        report.Line($"Each kind alone at {rate} req/s, for the server's CPU per request:");
        report.Line();
        report.Line(LoadResult.TableHeader);
        var load = new OpenLoad(context.Cpu, context.Database);
        var restAlone = await load.RunAsync($"REST alone @ {rate}/s", rate, context.Warmup, context.Duration,
            i => client.SendAsync(RestReadScenario.Request(client.BaseUrl, tokens, i), HttpStatusCode.OK));
        var mcpAlone = await load.RunAsync($"MCP alone @ {rate}/s", rate, context.Warmup, context.Duration,
            i => McpOkAsync(client, Call(client.BaseUrl, apiKey, i)));
        report.Line(restAlone.TableRow());
        report.Line(mcpAlone.TableRow());
        report.Line();
        restAlone.AddTo(report, "rest_alone");
        mcpAlone.AddTo(report, "mcp_alone");
        if (restAlone.PerRequest.TryGetValue("server_us_per_request", out var restUs) && mcpAlone.PerRequest.TryGetValue("server_us_per_request", out var mcpUs))
            report.Metric("cpu_ratio", mcpUs / restUs);
        await report.SaveAsync(context.Results);
    }

    private static async Task<bool> McpOkAsync(BenchClient client, HttpRequestMessage request)
    {
        using var response = await client.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && !text.Contains("\"isError\":true", StringComparison.Ordinal);
    }

    public static HttpRequestMessage Call(string baseUrl, string apiKey, long i)
    {
        var user = BenchIds.User(1 + BenchContext.Pick(i, 1, BenchIds.ActiveUsers));
        var status = RestReadScenario.Statuses[BenchContext.Pick(i, 2, 2)];
        var body = string.Create(CultureInfo.InvariantCulture,
            $$$"""{"jsonrpc":"2.0","id":{{{i + 1}}},"method":"tools/call","params":{"name":"get_tasks","arguments":{"user_id":"{{{user}}}","status":"{{{status}}}","limit":50} } }""");
        var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + "/mcp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("X-API-Key", apiKey);
        return request;
    }
}
