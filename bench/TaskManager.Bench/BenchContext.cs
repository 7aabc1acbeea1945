namespace TaskManager.Bench;

/// <summary>What every scenario needs: where the server is, how to sign in, where results go, how long to run.</summary>
public sealed class BenchContext
{
    public BenchContext(BenchArgs args)
    {
        Args = args;
        Url = args.Text("url", "http://127.0.0.1:8000");
        Secret = args.Text("jwt-secret", Environment.GetEnvironmentVariable("JWT_SECRET") ?? "");
        Results = args.Text("results", "bench/results");
        Warmup = TimeSpan.FromSeconds(args.Double("warmup", 5));
        Duration = TimeSpan.FromSeconds(args.Double("duration", 20));
        ServerPid = args.Int("server-pid", 0);
        Cpu = new CpuMeter(ServerPid, args.Int("postmaster-pid", 0), args.Int("redis-pid", 0));
        Database = new PgStatsMeter(args.Flag("database") ? args.Required("database") : null);
        Label = args.Text("label", "");
    }

    public BenchArgs Args { get; }

    public string Url { get; }

    public string Secret { get; }

    public string Results { get; }

    public TimeSpan Warmup { get; }

    public TimeSpan Duration { get; }

    public int ServerPid { get; }

    public CpuMeter Cpu { get; }

    /// <summary>
    /// <c>--label floor</c>: the same scenario against another server (the minimal one), its results saved beside the
    /// service's under <c>floor-&lt;scenario&gt;</c>.
    /// </summary>
    public string Label { get; }

    public string ResultName(string scenario) => Label.Length == 0 ? scenario : $"{Label}-{scenario}";

    /// <summary>PostgreSQL's statement, commit and WAL-flush counters (<c>--database</c>, a connection string).</summary>
    public PgStatsMeter Database { get; }

    /// <summary>A cheap, deterministic scramble of a request number, so request i always asks the same thing.</summary>
    public static int Pick(long i, int salt, int modulo) =>
        (int)((((ulong)i + 1) * 0x9E3779B97F4A7C15UL ^ ((ulong)salt * 0xC2B2AE3D27D4EB4FUL)) % 0xFFFFFFFBUL % (ulong)modulo);
}
