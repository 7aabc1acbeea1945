using System.Globalization;
using System.Net;

namespace TaskManager.Bench;

/// <summary>
/// Scenario 2: <c>POST /api/tasks</c> and <c>PUT /api/tasks/{id}/status</c>, each committing the task, its history
/// and an outbox row in one transaction, at fixed rates. Status changes touch a different task each time.
/// </summary>
public static class WritesScenario
{
    /// <summary>How far the stride walk over the seeded tasks has got, across the status and comment windows.</summary>
    private static long _walked;

    public static async Task RunAsync(BenchContext context)
    {
        var rates = context.Args.Ints("rates", "500,1000,1500");
        using var client = new BenchClient(context.Url, context.Secret, context.Args.Int("connections", 32));
        var tokens = Enumerable.Range(1, 50).Select(n => client.Token(BenchIds.User(n))).ToArray();
        var report = new ScenarioReport(context.ResultName("writes"));
        report.Line("### 2. Writes: create a task, change a status");
        report.Line();
        report.Line("Create: title, ~300-character description, an assignee and a repository (both resolved by the server), priority. "
            + "Status change: a different seeded task each time, no `If-Match`. Each commits the task, its `task_history` row and an outbox row. "
            + "Comment (only with `--kinds …,comment`): on a seeded task, the same walk; commits the comment besides those three.");
        report.Line();
        report.Line(LoadResult.TableHeader);
        var load = new OpenLoad(context.Cpu, context.Database);
        // Comments are opt-in (--kinds create,status,comment): no target names them, and the full run is long enough.
        var kinds = context.Args.Text("kinds", "create,status").Split(',');
        var sent = 0L;
        if (kinds.Contains("create"))
        {
            foreach (var rate in rates)
            {
                await context.Database.WaitForOutboxToDrainAsync();
                var create = await load.RunAsync($"create @ {rate}/s", rate, context.Warmup, context.Duration,
                    i => client.SendAsync(Create(client.BaseUrl, tokens, i + Interlocked.Read(ref sent)), HttpStatusCode.Created));
                report.Line(create.TableRow());
                create.AddTo(report, $"create_{rate}");
                sent += (long)(rate * (context.Warmup + context.Duration).TotalSeconds);
            }
        }
        foreach (var (kind, request, answer) in new (string, Func<long, HttpRequestMessage>, HttpStatusCode)[]
        {
            ("status", n => StatusChange(client.BaseUrl, tokens, n), HttpStatusCode.OK),
            ("comment", n => Comment(client.BaseUrl, tokens, n), HttpStatusCode.Created),
        })
        {
            if (!kinds.Contains(kind))
                continue;
            foreach (var rate in rates)
            {
                await context.Database.WaitForOutboxToDrainAsync();
                var change = await load.RunAsync($"{kind} @ {rate}/s", rate, context.Warmup, context.Duration,
                    _ => client.SendAsync(request(Interlocked.Increment(ref _walked)), answer));
                report.Line(change.TableRow());
                change.AddTo(report, $"{kind}_{rate}");
            }
        }
        report.Line();
        await report.SaveAsync(context.Results);
    }

    public static HttpRequestMessage Create(string baseUrl, string[] tokens, long i)
    {
        var assignee = BenchIds.User(1 + BenchContext.Pick(i, 3, BenchIds.Users - 1));
        var repository = BenchIds.RepositoryName(1 + BenchContext.Pick(i, 4, BenchIds.Repositories));
        var body = string.Create(CultureInfo.InvariantCulture,
            $$"""{"title":"Bench task {{i}}","description":"Created by the benchmark to measure the write path: task row, history row and outbox row in one transaction, then the relay publishes the event to Redis. Padding to a realistic size for a description that a person or an agent would write.","assignee_id":"{{assignee}}","repository":"{{repository}}","priority":"high"}""");
        return BenchClient.JsonRequest(HttpMethod.Post, baseUrl + "/api/tasks", tokens[i % tokens.Length], body);
    }

    /// <summary>
    /// Task number n-th of the walk; the target status alternates per pass so nearly every request is a real change
    /// (5% of seeded tasks already are blocked).
    /// </summary>
    public static HttpRequestMessage StatusChange(string baseUrl, string[] tokens, long n, int taskCount = 100_000)
    {
        var pass = (n - 1) / taskCount;
        return StatusRequest(baseUrl, tokens[n % tokens.Length], WalkedTask(n, taskCount), pass % 2 == 0 ? "blocked" : "in_progress");
    }

    /// <summary>A comment on the n-th task of the walk.</summary>
    public static HttpRequestMessage Comment(string baseUrl, string[] tokens, long n, int taskCount = 100_000) =>
        BenchClient.JsonRequest(HttpMethod.Post, $"{baseUrl}/api/tasks/{WalkedTask(n, taskCount)}/comments", tokens[n % tokens.Length],
            """{"comment":"Benchmark comment: a short note an agent leaves while it works on the task."}""");

    /// <summary>The n-th task (from 1) of a stride walk over the seeded tasks, each task once per pass.</summary>
    private static Guid WalkedTask(long n, int taskCount) => BenchIds.Task((int)((n - 1) % taskCount * 7919 % taskCount) + 1);

    public static HttpRequestMessage StatusRequest(string baseUrl, string token, Guid task, string status) =>
        BenchClient.JsonRequest(HttpMethod.Put, $"{baseUrl}/api/tasks/{task}/status", token, $$"""{"status":"{{status}}","comment":"bench"}""");
}
