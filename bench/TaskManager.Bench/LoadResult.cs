using System.Globalization;

namespace TaskManager.Bench;

/// <summary>What one fixed-rate run measured; latencies in milliseconds from each request's intended send time.</summary>
public sealed record LoadResult(
    string Name,
    double TargetRate,
    long Scheduled,
    long Ok,
    long Errors,
    long Dropped,
    double Throughput,
    Dictionary<string, double> Latency,
    Dictionary<string, double> Cpu)
{
    /// <summary>Percentiles per request kind when kinds were interleaved.</summary>
    public Dictionary<string, double>[] ByKind { get; init; } = [];

    /// <summary>CPU of the server and of PostgreSQL per answered request (µs), and PostgreSQL's counts per request (<see cref="PgStatsMeter"/>).</summary>
    public Dictionary<string, double> PerRequest { get; init; } = [];

    public double P50 => Latency["p50"];

    public double P99 => Latency["p99"];

    /// <summary>The rate was held: (nearly) everything answered, correctly, about as fast as it was asked.</summary>
    public bool Held => Errors + Dropped <= Scheduled / 1000 && Throughput >= TargetRate * 0.97;

    public void AddTo(ScenarioReport report, string prefix)
    {
        report.Metric($"{prefix}_target_rate", TargetRate);
        report.Metric($"{prefix}_throughput", Throughput);
        report.Metric($"{prefix}_ok", Ok);
        report.Metric($"{prefix}_errors", Errors);
        report.Metric($"{prefix}_dropped", Dropped);
        foreach (var (key, value) in Latency)
            report.Metric($"{prefix}_{key}_ms", value);
        foreach (var (key, value) in Cpu)
            report.Metric($"{prefix}_{key}", value);
        foreach (var (key, value) in PerRequest)
            report.Metric($"{prefix}_{key}", value);
    }

    /// <summary>Server and PostgreSQL CPU per request in µs, from cores used over a window of so many seconds.</summary>
    public static Dictionary<string, double> CpuPerRequest(Dictionary<string, double> cores, double seconds, long requests) =>
        requests <= 0 ? [] : new Dictionary<string, double>
        {
            ["server_us_per_request"] = cores["cpu_server_cores"] * seconds / requests * 1e6,
            ["postgres_us_per_request"] = cores["cpu_postgres_cores"] * seconds / requests * 1e6,
        };

    public static string TableHeader =>
        "| run | target req/s | achieved req/s | ok | errors+dropped | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | server cores | PostgreSQL cores | generator cores (share) | other processes cores "
        + "| server µs/req | PostgreSQL µs/req | statements/req | commits/req | WAL flushes/req |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";

    /// <summary>The table row, followed by the kinds of errors if there were any.</summary>
    public string TableRow() => ErrorKinds.Count == 0 ? Row() : Row() + "\n\n" + string.Join("\n", ErrorKinds.Select(k => $"> errors in {Name}: {k}")) + "\n";

    public IReadOnlyList<string> ErrorKinds { get; init; } = [];

    private string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {TargetRate:F0} | {Throughput:F0} | {Ok} | {Errors + Dropped} | {Latency["p50"]:F2} | {Latency["p90"]:F2} | {Latency["p99"]:F2} | {Latency["p99.9"]:F2} | {Latency["max"]:F1} | {Cpu["cpu_server_cores"]:F2} | {Cpu["cpu_postgres_cores"]:F2} | {Cpu["cpu_generator_cores"]:F2} ({Cpu["cpu_generator_share"]:P0}) | {Cpu["cpu_other_processes_cores"]:F2} | {Figure("server_us_per_request", "F0")} | {Figure("postgres_us_per_request", "F0")} "
        + $"| {Figure("pg_statements_per_request", "F2")} | {Figure("pg_commits_per_request", "F2")} | {Figure("pg_wal_flushes_per_request", "F2")} |");

    private string Figure(string key, string format) =>
        PerRequest.TryGetValue(key, out var value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";
}
