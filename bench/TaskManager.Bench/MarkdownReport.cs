using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TaskManager.Bench;

/// <summary>Writes docs/benchmarks.md from the results folder: machine, commands, the targets table, then each scenario's section.</summary>
public static class MarkdownReport
{
    private static readonly string[] Order = ["rest-read", "pgbench-read", "writes", "pgbench-writes", "mcp-vs-rest", "sse", "recovery", "search"];

    /// <summary>The same scenarios against the minimal .NET server (<c>--label floor</c>), reported after the service's.</summary>
    private static readonly string[] FloorOrder = ["floor-rest-read", "floor-writes", "floor-sse"];

    private const string FloorHeading = """
        ### The minimal .NET server: the same scenarios

        bench/TaskManager.Floor, run after the service (stopped by then) with the same generator, rates and windows: Kestrel,
        one prepared Npgsql statement per request (the service's list SQL; each write as one statement writing the task,
        history and outbox rows) and the JSON written straight from the reader. It is what any .NET implementation pays on
        this box, not a service: no authentication, no validation, no EF Core, no Redis, no outbox relay (its outbox rows
        are written as published), no logging, no idempotency or concurrency checks; its SSE sends every event to every
        subscriber, rendered once, with no filter, replay or heartbeat.


        """;

    public static async Task RunAsync(BenchContext context)
    {
        var results = context.Results;
        var metrics = Order.Concat(FloorOrder).ToDictionary(n => n, n => Load(Path.Combine(results, $"{n}.json")));
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
        Targets(md, metrics);
        md.Append('\n');
        foreach (var name in Order)
        {
            var file = Path.Combine(results, $"{name}.md");
            md.Append(File.Exists(file) ? await File.ReadAllTextAsync(file) : $"_{name}: not run in this mode or failed (see the script's output)._\n\n");
        }
        var floorFiles = FloorOrder.Select(n => Path.Combine(results, $"{n}.md")).Where(File.Exists).ToList();
        if (floorFiles.Count > 0)
            md.Append(FloorHeading);
        foreach (var file in floorFiles)
            md.Append(Demoted(await File.ReadAllTextAsync(file)));
        var output = context.Args.Text("output", "docs/benchmarks.md");
        var appendix = context.Args.Text("appendix", "");
        if (File.Exists(appendix))
            md.Append('\n').Append(await File.ReadAllTextAsync(appendix));
        await File.WriteAllTextAsync(output, md.ToString());
        Console.Error.WriteLine($"wrote {output}");
    }

    /// <summary>The rates of a scenario's windows (keys <c>{prefix}{rate}_throughput</c>).</summary>
    private static IEnumerable<int> Rates(Dictionary<string, double> metrics, string prefix)
    {
        foreach (var key in metrics.Keys)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.EndsWith("_throughput", StringComparison.Ordinal)
                && int.TryParse(key[prefix.Length..^"_throughput".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var rate))
                yield return rate;
        }
    }

    /// <summary>
    /// The targets of issue 15, each from this run alone: throughput against the same SQL under pgbench, p99 at half
    /// the measured maximum (the highest window at or below it), CPU per request at that window.
    /// </summary>
    private static void Targets(StringBuilder md, Dictionary<string, Dictionary<string, double>> m)
    {
        static string Mark(bool? met) => met switch { true => "yes", false => "**no**", null => "not measured" };
        double? Get(string scenario, string key) => m[scenario].TryGetValue(key, out var v) && v >= 0 ? v : null;
        void Row(string target, string measured, bool? met) => md.Append(CultureInfo.InvariantCulture, $"| {target} | {measured} | {Mark(met)} |\n");
        double? Max(string scenario, string prefix) =>
            Rates(m[scenario], prefix).Select(r => Get(scenario, $"{prefix}{r}_throughput")).Max();
        // The same SQL alone at the same rate, when the run has that window: a p99 the database itself cannot hold here.
        string FloorP99(string scenario, string window, int rate) =>
            Get(scenario, $"{window}_p99_ms") is { } floor ? Invariant($" (the same SQL under pgbench at {rate}/s: p99 {floor:F1} ms)") : "";
        // The minimal .NET server's figures for the same window (same rate), when the run has them.
        string MinimalP99(string scenario, string window) =>
            Get($"floor-{scenario}", $"{window}_p99_ms") is { } p99 ? Invariant($" (minimal .NET server at the same rate: p99 {p99:F1} ms)") : "";
        string MinimalCpu(string scenario, string window) =>
            Get($"floor-{scenario}", $"{window}_server_us_per_request") is { } us
                ? Invariant($" (minimal .NET server at the same rate: {us:F0} µs, PostgreSQL {Get($"floor-{scenario}", $"{window}_postgres_us_per_request"):F0} µs)")
                : "";
        // A maximum is only a lower bound when the highest rate offered was held: the server might have done more.
        bool HeldTheTopRate(string scenario, string prefix) =>
            Rates(m[scenario], prefix).Max() is var top && Get(scenario, $"{prefix}{top}_throughput") >= 0.98 * top;
        // Met when the ratio reaches 0.5; when the service held every rate and the ratio is still short, the run could
        // not tell, so the verdict is "not measured" rather than a miss.
        (string Measured, bool? Met) Throughput(string scenario, string prefix, double? max, double? floor, string unit, string detail = "")
        {
            if (max is null || floor is null)
                return ("–", null);
            var ratio = max.Value / floor.Value;
            if (!HeldTheTopRate(scenario, prefix))
                return (Invariant($"{max:F0} vs {floor:F0} {unit} = {ratio:F2}x{detail}"), ratio >= 0.5);
            return (Invariant($"≥ {max:F0} (every rate offered was held) vs {floor:F0} {unit} = ≥ {ratio:F2}x{detail}"), ratio >= 0.5 ? true : null);
        }
        int? HalfWindow(string scenario, string prefix, double max) =>
            Rates(m[scenario], prefix).Where(r => r <= max / 2).Select(r => (int?)r).Max() ?? Rates(m[scenario], prefix).Select(r => (int?)r).Min();

        // Reads.
        var readMax = Max("rest-read", "rate_");
        var floorMax = Max("pgbench-read", "rate_");
        var (readMeasured, readMet) = Throughput("rest-read", "rate_", readMax, floorMax, "req/s");
        Row("reads: maximum throughput ≥ 0.5x the same SQL under pgbench `-M prepared`", readMeasured, readMet);
        if (readMax is not null && HalfWindow("rest-read", "rate_", readMax.Value) is { } readHalf)
        {
            var p99 = Get("rest-read", $"rate_{readHalf}_p99_ms");
            Row($"reads: p99 ≤ 25 ms at half the maximum (window {readHalf}/s)", Invariant($"p99 {p99:F1} ms{FloorP99("pgbench-read", $"rate_{readHalf}", readHalf)}{MinimalP99("rest-read", $"rate_{readHalf}")}"), p99 <= 25);
            var us = Get("rest-read", $"rate_{readHalf}_server_us_per_request");
            Row($"reads: service CPU ≤ 300 µs per 50-row page (at {readHalf}/s)", us is null ? "–" : Invariant($"{us:F0} µs (PostgreSQL {Get("rest-read", $"rate_{readHalf}_postgres_us_per_request"):F0} µs){MinimalCpu("rest-read", $"rate_{readHalf}")}"), us is null ? null : us <= 300);
        }

        // Writes.
        foreach (var kind in new[] { "create", "status" })
        {
            var max = Max("writes", $"{kind}_");
            var floor = Max("pgbench-writes", $"{kind}_as_service_");
            var oneStatement = Max("pgbench-writes", $"{kind}_one_statement_");
            var (measured, met) = Throughput("writes", $"{kind}_", max, floor, "tx/s", Invariant($" (as one statement: {oneStatement:F0} tx/s)"));
            Row($"writes ({kind}): maximum ≥ 0.5x the same transaction under pgbench", measured, met);
            if (max is null || HalfWindow("writes", $"{kind}_", max.Value) is not { } half)
                continue;
            var p99 = Get("writes", $"{kind}_{half}_p99_ms");
            Row($"writes ({kind}): p99 ≤ 50 ms at half the maximum (window {half}/s)", Invariant($"p99 {p99:F1} ms{FloorP99("pgbench-writes", $"{kind}_as_service_{half}", half)}{MinimalP99("writes", $"{kind}_{half}")}"), p99 <= 50);
            var us = Get("writes", $"{kind}_{half}_server_us_per_request");
            Row($"writes ({kind}): service CPU ≤ 400 µs per write (at {half}/s)", us is null ? "–" : Invariant($"{us:F0} µs (PostgreSQL {Get("writes", $"{kind}_{half}_postgres_us_per_request"):F0} µs){MinimalCpu("writes", $"{kind}_{half}")}"), us is null ? null : us <= 400);
            var commits = Get("writes", $"{kind}_{half}_pg_commits_per_request");
            Row($"writes ({kind}): ≤ 2 commits per write (at {half}/s, relay included)", commits is null ? "–" : Invariant($"{commits:F2} commits, {Get("writes", $"{kind}_{half}_pg_statements_per_request"):F1} statements, {Get("writes", $"{kind}_{half}_pg_wal_flushes_per_request"):F2} WAL flushes per write"), commits is null ? null : commits <= 2);
        }

        // Live updates.
        foreach (var (n, limit) in new[] { (1000, 50), (5000, 100) })
        {
            var p99 = Get("sse", $"n{n}_p99_ms");
            var delivered = Get("sse", $"n{n}_deliveries");
            var expected = Get("sse", $"n{n}_deliveries_expected");
            var minimal = Get("floor-sse", $"n{n}_p99_ms") is { } floorP99
                ? Invariant($" (minimal .NET server, same subscribers and events: p99 {floorP99:F1} ms, {Get("floor-sse", $"n{n}_deliveries"):F0} of {Get("floor-sse", $"n{n}_deliveries_expected"):F0} deliveries)")
                : "";
            Row($"live: commit → receipt p99 ≤ {limit} ms with {n:N0} subscribers, every event delivered", p99 is null ? "–" : Invariant($"p99 {p99:F1} ms, {delivered:F0} of {expected:F0} deliveries{minimal}"),
                p99 is null ? null : p99 <= limit && delivered >= expected);
        }
        var kb = Get("sse", "n10000_bytes_per_connection") ?? Get("sse", "n5000_bytes_per_connection");
        Row("live: ≤ 60 KB of server memory per idle connection (RSS growth / N at the largest N)", kb is null ? "–" : Invariant($"{kb / 1024:F1} KB"), kb is null ? null : kb / 1024 <= 60);

        // MCP.
        var cpuRatio = Get("mcp-vs-rest", "cpu_ratio");
        Row("MCP `get_tasks` ≤ 1.5x the CPU of the same REST list (each alone, same rate)",
            cpuRatio is null ? "–" : Invariant($"{Get("mcp-vs-rest", "mcp_alone_server_us_per_request"):F0} vs {Get("mcp-vs-rest", "rest_alone_server_us_per_request"):F0} µs = {cpuRatio:F2}x (latency, interleaved: p50 {Get("mcp-vs-rest", "ratio_p50"):F2}x)"),
            cpuRatio is null ? null : cpuRatio <= 1.5);

        // Search.
        var tasks = Get("search", "tasks");
        var rare = Get("search", "zephyr_p99_ms");
        Row("search: ≤ 50 ms at 500k tasks (rare word, REST p99; PostgreSQL's execution time)",
            rare is null ? "–" : Invariant($"{tasks:N0} tasks: p99 {rare:F1} ms (p50 {Get("search", "zephyr_p50_ms"):F1}); execution {Get("search", "rare_word_execution_ms"):F1} ms"),
            rare is null ? null : rare <= 50 && tasks >= 500_000);

        var recovery = Get("recovery", "recovery_ms");
        Row("recovery: Redis back → last backlog event at a subscriber (no target; reported)", recovery is null ? "–" : Invariant($"{recovery:F0} ms for {Get("recovery", "backlog"):F0} events"), null);
        var shares = m.Where(p => !p.Key.StartsWith("pgbench", StringComparison.Ordinal)).SelectMany(p => p.Value.Where(kv => kv.Key.EndsWith("cpu_generator_share", StringComparison.Ordinal)).Select(kv => kv.Value)).ToList();
        var cores = m.Where(p => !p.Key.StartsWith("pgbench", StringComparison.Ordinal)).SelectMany(p => p.Value.Where(kv => kv.Key.EndsWith("cpu_generator_cores", StringComparison.Ordinal)).Select(kv => kv.Value)).ToList();
        Row("load generator is not the bottleneck (its CPU share of the run)", shares.Count == 0 ? "–" : Invariant($"at most {shares.Max():P0} of the CPU used ({cores.Max():F2} cores)"), null);
        var other = m.SelectMany(p => p.Value.Where(kv => kv.Key.EndsWith("cpu_other_processes_cores", StringComparison.Ordinal)).Select(kv => kv.Value)).ToList();
        Row("other work on the box during the measured windows (no target; a disturbed run shows here)", other.Count == 0 ? "–" : Invariant($"up to {other.Max():F2} cores, {other.Average():F2} on average"), null);
    }

    /// <summary>A section one heading level down, under the minimal server's heading.</summary>
    private static string Demoted(string section) =>
        string.Join('\n', section.Split('\n').Select(line => line.StartsWith("###", StringComparison.Ordinal) ? "#" + line : line));

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
