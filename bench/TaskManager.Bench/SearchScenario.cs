using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Npgsql;

namespace TaskManager.Bench;

/// <summary>
/// Scenario 6: the task search <c>GET /api/tasks?q=…&amp;limit=50</c> over every task (no other filter), for a rare
/// word (one task in <see cref="RareWordEvery"/>), a word no task holds and a word most tasks hold, interleaved at a
/// fixed rate; then PostgreSQL's own plan and time for the rare word (<c>EXPLAIN (ANALYZE, BUFFERS)</c>).
/// </summary>
public static class SearchScenario
{
    /// <summary>Appended to the title of every <see cref="RareWordEvery"/>-th seeded task; no vocabulary word shares its trigrams.</summary>
    public const string RareWord = "zephyr";

    public const int RareWordEvery = 10_000;

    private static readonly string[] Words = [RareWord, "quixotic", "cache"];

    public static async Task RunAsync(BenchContext context)
    {
        var rate = context.Args.Int("rate", 20);
        using var client = new BenchClient(context.Url, context.Secret, context.Args.Int("connections", 8));
        var token = client.Token(BenchIds.User(1));
        var report = new ScenarioReport("search");
        var tasks = await CountTasksAsync(context);
        report.Metric("tasks", tasks);
        report.Line($"### 6. Search: `GET /api/tasks?q=<word>&limit=50` over {tasks:N0} tasks");
        report.Line();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"No other filter, newest first. Words interleaved at {rate} req/s: `{RareWord}` (in one title in {RareWordEvery:N0}), `quixotic` (in none), `cache` (in most titles and descriptions, so a page fills from the newest tasks). Latency from the intended send time, as everywhere."));
        report.Line();

        var result = await new OpenLoad(context.Cpu, context.Database).RunAsync($"search @ {rate}/s", rate, context.Warmup, context.Duration,
            i => client.SendAsync(Request(client.BaseUrl, token, Words[i % Words.Length]), HttpStatusCode.OK), Words.Length, i => (int)(i % Words.Length));
        report.Line("| word | p50 ms | p90 ms | p99 ms | max ms |");
        report.Line("|---|---:|---:|---:|---:|");
        for (var k = 0; k < Words.Length; k++)
        {
            var p = result.ByKind[k];
            report.Line(string.Create(CultureInfo.InvariantCulture, $"| `{Words[k]}` | {p["p50"]:F2} | {p["p90"]:F2} | {p["p99"]:F2} | {p["max"]:F1} |"));
            report.Metric($"{Words[k]}_p50_ms", p["p50"]);
            report.Metric($"{Words[k]}_p99_ms", p["p99"]);
        }
        report.Line();
        report.Line(LoadResult.TableHeader);
        report.Line(result.TableRow());
        result.AddTo(report, "search");
        report.Line();

        var (plan, executionMs) = await ExplainAsync(context, RareWord);
        report.Metric("rare_word_execution_ms", executionMs);
        report.Line($"PostgreSQL's plan for `{RareWord}` (`EXPLAIN (ANALYZE, BUFFERS)` of the query the server sends):");
        report.Line();
        report.Line("```");
        report.Line(plan);
        report.Line("```");
        report.Line();
        await report.SaveAsync(context.Results);
    }

    private static HttpRequestMessage Request(string baseUrl, string token, string word)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/api/tasks?q={word}&limit=50");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static async Task<long> CountTasksAsync(BenchContext context)
    {
        await using var connection = new NpgsqlConnection(context.Args.Required("database"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tasks", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The list query's search as GetTasksHandler words it (lower(column) LIKE a contains-pattern), with the pattern as a parameter.</summary>
    private static async Task<(string Plan, double ExecutionMs)> ExplainAsync(BenchContext context, string word)
    {
        const string sql = """
            EXPLAIN (ANALYZE, BUFFERS)
            SELECT t0.id, t0.title, t0.description, t0.status, t0.priority, t0.complexity, u.id, u.email, u.name, r.name, t0.created_at, t0.updated_at, t0.version
            FROM (
                SELECT t.* FROM tasks AS t
                WHERE t.deleted_at IS NULL AND (lower(t.title) LIKE $1 ESCAPE '\' OR lower(t.description) LIKE $1 ESCAPE '\')
                ORDER BY t.created_at DESC, t.id DESC
                LIMIT 51
            ) AS t0
            LEFT JOIN users AS u ON t0.assignee_id = u.id
            LEFT JOIN repositories AS r ON t0.repository_id = r.id
            ORDER BY t0.created_at DESC, t0.id DESC
            """;
        await using var connection = new NpgsqlConnection(context.Args.Required("database"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = $"%{word}%" } } };
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                lines.Add(reader.GetString(0));
        }
        var execution = lines.LastOrDefault(l => l.StartsWith("Execution Time:", StringComparison.Ordinal)) ?? "Execution Time: -1 ms";
        return (string.Join('\n', lines), double.Parse(execution.Split(' ')[2], CultureInfo.InvariantCulture));
    }
}
