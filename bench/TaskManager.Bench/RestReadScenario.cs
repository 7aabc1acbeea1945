using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TaskManager.Bench;

/// <summary>
/// Scenario 1: <c>GET /api/tasks?user_id=…&amp;status=…&amp;limit=50</c> for the busy fifth of the users (full
/// 50-row pages, ~30 kB of JSON), at each fixed rate of a sweep.
/// </summary>
public static class RestReadScenario
{
    public static readonly string[] Statuses = ["not_started", "in_progress"];

    public static async Task RunAsync(BenchContext context)
    {
        var rates = context.Args.Ints("rates", "1000,2000,3000,4000");
        using var client = new BenchClient(context.Url, context.Secret, context.Args.Int("connections", 32));
        var tokens = Enumerable.Range(1, 100).Select(n => client.Token(BenchIds.User(n))).ToArray();
        var report = new ScenarioReport(context.ResultName("rest-read"));

        // --path replaces the list query (for profiling: e.g. /health/live or limit=1 isolates framework and JSON cost).
        var fixedPath = context.Args.Text("path", "");
        if (fixedPath.Length > 0)
        {
            var fixedLoad = new OpenLoad(context.Cpu, context.Database);
            foreach (var rate in rates)
            {
                var r = await fixedLoad.RunAsync($"{fixedPath} @ {rate}/s", rate, context.Warmup, context.Duration, i =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, client.BaseUrl + fixedPath);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i % tokens.Length]);
                    return client.SendAsync(request, HttpStatusCode.OK);
                });
                Console.Error.WriteLine(r.TableRow());
            }
            return;
        }
        var (pageBytes, rows) = await SampleAsync(client, tokens[0]);
        report.Metric("page_bytes", pageBytes);
        report.Metric("page_rows", rows);
        report.Line("### 1. REST list: `GET /api/tasks?user_id=<uuid>&status=<s>&limit=50`");
        report.Line();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"Assignee drawn from the 200 busiest users, status `not_started` or `in_progress`; a page is {rows} rows, {pageBytes / 1024.0:F1} kB of JSON. {client.Http.GetType().Name} with {context.Args.Int("connections", 32)} reused connections, {tokens.Length} users' tokens in rotation."));
        report.Line();
        report.Line(LoadResult.TableHeader);

        var load = new OpenLoad(context.Cpu, context.Database);
        double bestHeld = 0;
        foreach (var rate in rates)
        {
            var result = await load.RunAsync($"list @ {rate}/s", rate, context.Warmup, context.Duration,
                i => client.SendAsync(Request(client.BaseUrl, tokens, i), HttpStatusCode.OK));
            report.Line(result.TableRow());
            result.AddTo(report, $"rate_{rate}");
            if (result.Held && result.P99 <= 25)
                bestHeld = Math.Max(bestHeld, rate);
        }
        report.Metric("best_rate_with_p99_under_25ms", bestHeld);
        report.Line();
        await report.SaveAsync(context.Results);
    }

    public static string PathFor(long i) =>
        $"/api/tasks?user_id={BenchIds.User(1 + BenchContext.Pick(i, 1, BenchIds.ActiveUsers))}&status={Statuses[BenchContext.Pick(i, 2, 2)]}&limit=50";

    public static HttpRequestMessage Request(string baseUrl, string[] tokens, long i)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, baseUrl + PathFor(i));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[i % tokens.Length]);
        return request;
    }

    private static async Task<(int Bytes, int Rows)> SampleAsync(BenchClient client, string token)
    {
        var (status, body) = await client.SendForTextAsync(Request(client.BaseUrl, [token], 0));
        if (status != HttpStatusCode.OK)
            throw new InvalidOperationException($"GET /api/tasks answered {(int)status}: {body[..Math.Min(300, body.Length)]}");
        using var json = JsonDocument.Parse(body);
        return (body.Length, json.RootElement.GetProperty("items").GetArrayLength());
    }
}
