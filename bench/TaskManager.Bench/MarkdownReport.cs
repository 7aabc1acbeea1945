using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TaskManager.Bench;

/// <summary>Writes docs/benchmarks.md from the results folder: machine, commands, the targets table, then each scenario's section.</summary>
public static class MarkdownReport
{
    private static readonly string[] Order = ["rest-read", "pgbench-read", "writes", "mcp-vs-rest", "sse", "recovery"];

    public static async Task RunAsync(BenchContext context)
    {
        var results = context.Results;
        var metrics = Order.ToDictionary(n => n, n => Load(Path.Combine(results, $"{n}.json")));
        var md = new StringBuilder();
        var preamble = context.Args.Text("preamble", "");
        if (File.Exists(preamble))
            md.Append(await File.ReadAllTextAsync(preamble)).Append('\n');
        md.Append("## Latest run\n\n");
        md.Append(CultureInfo.InvariantCulture, $"- date: {context.Args.Text("date", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))} UTC, mode `{context.Args.Text("mode", "?")}`, commit `{context.Args.Text("commit", "?")}`\n");
        md.Append(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGiB():F0} GiB RAM, Linux {File.ReadAllText("/proc/sys/kernel/osrelease").Trim()}, .NET {Environment.Version}, {context.Args.Text("versions", "")}\n");
        md.Append(CultureInfo.InvariantCulture, $"- load average when the run started: {context.Args.Text("load", "?")} (other work on the box shows in the \"other processes cores\" column)\n");
        md.Append(CultureInfo.InvariantCulture, $"- command: `{context.Args.Text("command", "scripts/bench.sh")}`\n\n");

        md.Append("### Targets\n\n| target | measured | met |\n|---|---|---|\n");
        Targets(md, metrics, context.Args.Int("read-rate", 3000), context.Args.Int("write-rate", 1000));
        md.Append('\n');
        foreach (var name in Order)
        {
            var file = Path.Combine(results, $"{name}.md");
            md.Append(File.Exists(file) ? await File.ReadAllTextAsync(file) : $"_{name}: not run in this mode or failed (see the script's output)._\n\n");
        }
        var output = context.Args.Text("output", "docs/benchmarks.md");
        var appendix = context.Args.Text("appendix", "");
        if (File.Exists(appendix))
            md.Append('\n').Append(await File.ReadAllTextAsync(appendix));
        await File.WriteAllTextAsync(output, md.ToString());
        Console.Error.WriteLine($"wrote {output}");
    }

    /// <summary>Rates of a scenario's windows that were held: nearly all requests answered, none failed.</summary>
    private static IEnumerable<int> HeldRates(Dictionary<string, double> metrics)
    {
        foreach (var key in metrics.Keys)
        {
            if (!key.StartsWith("rate_", StringComparison.Ordinal) || !key.EndsWith("_throughput", StringComparison.Ordinal)
                || !int.TryParse(key["rate_".Length..^"_throughput".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
                continue;
            var failed = metrics.GetValueOrDefault($"rate_{rate}_errors") + metrics.GetValueOrDefault($"rate_{rate}_dropped");
            if (metrics[key] >= rate * 0.97 && failed == 0)
                yield return rate;
        }
    }

    private static void Targets(StringBuilder md, Dictionary<string, Dictionary<string, double>> m, int readRate, int writeRate)
    {
        static string Mark(bool? met) => met switch { true => "yes", false => "**no**", null => "not measured" };
        double? Get(string scenario, string key) => m[scenario].TryGetValue(key, out var v) && v >= 0 ? v : null;
        void Row(string target, string measured, bool? met) => md.Append(CultureInfo.InvariantCulture, $"| {target} | {measured} | {Mark(met)} |\n");

        var rt = Get("rest-read", $"rate_{readRate}_throughput");
        var rp = Get("rest-read", $"rate_{readRate}_p99_ms");
        var rerr = (Get("rest-read", $"rate_{readRate}_errors") ?? 0) + (Get("rest-read", $"rate_{readRate}_dropped") ?? 0);
        Row($"REST reads ≥ {readRate} req/s with p99 ≤ 25 ms",
            rt is null ? "–" : Invariant($"{rt:F0} req/s, p99 {rp:F1} ms, {rerr} errors (best rate held with p99 ≤ 25 ms: {Get("rest-read", "best_rate_with_p99_under_25ms"):F0}/s)"),
            rt is null ? null : rt >= readRate * 0.97 && rp <= 25 && rerr == 0);

        foreach (var kind in new[] { "create", "status" })
        {
            var t = Get("writes", $"{kind}_{writeRate}_throughput");
            var p = Get("writes", $"{kind}_{writeRate}_p99_ms");
            var e = (Get("writes", $"{kind}_{writeRate}_errors") ?? 0) + (Get("writes", $"{kind}_{writeRate}_dropped") ?? 0);
            Row($"writes ({kind}) ≥ {writeRate} req/s with p99 ≤ 50 ms", t is null ? "–" : Invariant($"{t:F0} req/s, p99 {p:F1} ms, {e} errors"),
                t is null ? null : t >= writeRate * 0.97 && p <= 50 && e == 0);
        }

        // Overhead: database + server CPU per list request against the database CPU of the same query from pgbench,
        // and the latency ratio, at the highest rate the service held (an overloaded window charges the CPU of
        // requests it never answered to the ones it did); the target rate when it held none.
        var held = HeldRates(m["rest-read"]).Where(r => Get("pgbench-read", $"rate_{r}_throughput") is not null).ToList();
        var at = held.Count > 0 ? held.Max() : readRate;
        var sT = Get("rest-read", $"rate_{at}_throughput");
        var sCores = Get("rest-read", $"rate_{at}_cpu_server_cores");
        var sPg = Get("rest-read", $"rate_{at}_cpu_postgres_cores");
        var bPg = Get("pgbench-read", $"rate_{at}_cpu_postgres_cores");
        var bT = Get("pgbench-read", $"rate_{at}_throughput");
        if (sT is not null && sT < 1)
        {
            Row("service read overhead ≤ 2x bare SQL", "not measurable: no list request succeeded in the window", false);
        }
        else if (sCores is not null && sPg is not null && bPg is not null && bT is not null && sT is not null)
        {
            var serviceUs = (sCores.Value + sPg.Value) / sT.Value * 1e6;
            var bareUs = bPg.Value / bT.Value * 1e6;
            Row($"service read overhead ≤ 2x bare SQL (CPU per request at {at}/s: server + PostgreSQL vs PostgreSQL under pgbench)",
                Invariant($"{serviceUs:F0} µs vs {bareUs:F0} µs = {serviceUs / bareUs:F1}x"), serviceUs / bareUs <= 2);
            var bp50 = Get("pgbench-read", $"rate_{at}_p50_ms");
            var bp99 = Get("pgbench-read", $"rate_{at}_p99_ms");
            var sp50 = Get("rest-read", $"rate_{at}_p50_ms");
            var sp99 = Get("rest-read", $"rate_{at}_p99_ms");
            Row($"(same, as latency at {at}/s: REST vs pgbench)", Invariant($"p50 {sp50:F2} vs {bp50:F2} ms = {sp50 / bp50:F1}x; p99 {sp99:F2} vs {bp99:F2} ms = {sp99 / bp99:F1}x"), sp50 / bp50 <= 2);
        }
        else
        {
            Row("service read overhead ≤ 2x bare SQL", "–", null);
        }

        var r50 = Get("mcp-vs-rest", "ratio_p50");
        var r99 = Get("mcp-vs-rest", "ratio_p99");
        Row("MCP ≤ 1.5x REST (latency, same query, interleaved)", r50 is null ? "–" : Invariant($"p50 {r50:F2}x, p99 {r99:F2}x"), r50 is null ? null : r50 <= 1.5 && r99 <= 1.5);

        var kb = Get("sse", "n10000_bytes_per_connection");
        Row("10k concurrent SSE connections at ≤ 60 KB each", kb is null ? "–" : Invariant($"{kb / 1024:F1} KB per connection (server RSS growth / 10k)"), kb is null ? null : kb / 1024 <= 60);
        var p99 = Get("sse", "n5000_p99_ms");
        var delivered = Get("sse", "n5000_deliveries");
        var expected = Get("sse", "n5000_deliveries_expected");
        Row("event p99 ≤ 50 ms with 5k subscribers", p99 is null ? "–" : Invariant($"p99 {p99:F1} ms, {delivered:F0} of {expected:F0} deliveries"),
            p99 is null ? null : p99 <= 50 && delivered >= expected);
        var recovery = Get("recovery", "recovery_ms");
        Row("recovery: Redis back → last backlog event at a subscriber (no target; reported)", recovery is null ? "–" : Invariant($"{recovery:F0} ms for {Get("recovery", "backlog"):F0} events"), null);

        var shares = m.Where(p => p.Key != "pgbench-read").SelectMany(p => p.Value.Where(kv => kv.Key.EndsWith("cpu_generator_share", StringComparison.Ordinal)).Select(kv => kv.Value)).ToList();
        var cores = m.Where(p => p.Key != "pgbench-read").SelectMany(p => p.Value.Where(kv => kv.Key.EndsWith("cpu_generator_cores", StringComparison.Ordinal)).Select(kv => kv.Value)).ToList();
        Row("load generator is not the bottleneck (its CPU share of the run)", shares.Count == 0 ? "–" : Invariant($"at most {shares.Max():P0} of the CPU used ({cores.Max():F2} cores)"), null);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, double> Load(string file) =>
        File.Exists(file) ? JsonSerializer.Deserialize<Dictionary<string, double>>(File.ReadAllText(file)) ?? [] : [];

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    private static double MemoryGiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1048576.0;
    }
}
