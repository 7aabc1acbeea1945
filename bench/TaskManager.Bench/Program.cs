using TaskManager.Bench;

// The benchmark driver; scripts/bench.sh runs it verb by verb (docs/benchmarks.md says how to read the output).
var args_ = new BenchArgs(args);
var context = new BenchContext(args_);
switch (args_.Verb)
{
    case "seed":
        await new Seeder(args_.Required("database"), args_.Int("tasks", 100_000)).RunAsync();
        break;
    case "warm-up":
        await WarmupScenario.RunAsync(context);
        break;
    case "rest-read":
        await RestReadScenario.RunAsync(context);
        break;
    case "pgbench":
        await PgbenchScenario.RunAsync(context);
        break;
    case "pgbench-writes":
        await PgbenchWritesScenario.RunAsync(context);
        break;
    case "writes":
        await WritesScenario.RunAsync(context);
        break;
    case "mcp-vs-rest":
        await McpScenario.RunAsync(context);
        break;
    case "sse":
        await SseScenario.RunAsync(context);
        break;
    case "search":
        await SearchScenario.RunAsync(context);
        break;
    case "recovery":
        await RecoveryScenario.RunAsync(context);
        break;
    case "report":
        await MarkdownReport.RunAsync(context);
        break;
    default:
        Console.Error.WriteLine("usage: TaskManager.Bench seed|warm-up|rest-read|pgbench|writes|pgbench-writes|mcp-vs-rest|sse|search|recovery|report [--option value ...]");
        return 2;
}
return 0;
