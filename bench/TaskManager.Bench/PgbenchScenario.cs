using System.Diagnostics;
using System.Globalization;

namespace TaskManager.Bench;

/// <summary>
/// The floor under scenario 1: the list query the server sends, driven straight at PostgreSQL by pgbench with
/// prepared statements, at the same fixed rates (<c>-R</c>, so pgbench schedules like our open-model generator and
/// its per-transaction log measures from the scheduled start), 8 clients.
/// </summary>
public static class PgbenchScenario
{
    /// <summary>The SQL EF Core generates for the list (taken from the server's command log), with the assignee id built from a number.</summary>
    public static string Script(string status) => $"""
        \set u random(1, {BenchIds.ActiveUsers})
        SELECT t0.id, t0.title, t0.description, t0.status, t0.priority, t0.complexity, u.id IS NULL, u.id, u.email, u.name, r.name, t0.created_by, t0.updated_by, t0.created_at, t0.updated_at, t0.version
        FROM (
            SELECT t.id, t.assignee_id, t.complexity, t.created_at, t.created_by, t.description, t.priority, t.repository_id, t.status, t.title, t.updated_at, t.updated_by, t.version
            FROM tasks AS t
            WHERE t.deleted_at IS NULL AND t.assignee_id = ('00000000-0000-4000-8000-' || lpad(to_hex(:u::int), 12, '0'))::uuid AND t.status = '{status}'
            ORDER BY t.created_at DESC, t.id DESC
            LIMIT 51
        ) AS t0
        LEFT JOIN users AS u ON t0.assignee_id = u.id
        LEFT JOIN repositories AS r ON t0.repository_id = r.id
        ORDER BY t0.created_at DESC, t0.id DESC;

        """;

    public static async Task RunAsync(BenchContext context)
    {
        var rates = context.Args.Ints("rates", "1000,2000,3000,4000");
        var clients = context.Args.Int("clients", 8);
        var work = Path.Combine(context.Results, "pgbench");
        Directory.CreateDirectory(work);
        var scripts = RestReadScenario.Statuses.Select(s =>
        {
            var file = Path.Combine(work, $"list_{s}.sql");
            File.WriteAllText(file, Script(s));
            return file;
        }).ToArray();
        var connection = new[]
        {
            "-h", context.Args.Text("pg-host", "127.0.0.1"), "-p", context.Args.Text("pg-port", "5432"),
            "-U", context.Args.Text("pg-user", "taskmanager"), context.Args.Text("pg-db", "taskmanager"),
        };
        var common = new List<string> { "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2" };
        foreach (var script in scripts)
            common.AddRange(["-f", $"{script}@1"]);

        var report = new ScenarioReport("pgbench-read");
        report.Line("#### Bare SQL floor: the same list query through pgbench");
        report.Line();
        report.Line($"`pgbench {string.Join(' ', common.Select(a => a.Contains(work, StringComparison.Ordinal) ? Path.GetFileName(a) : a))} -R <rate> -T <s> -l` — the script (`{Path.GetFileName(scripts[0])}`):");
        report.Line();
        report.Line("```sql");
        report.Line(Script(RestReadScenario.Statuses[0]).TrimEnd());
        report.Line("```");
        report.Line();
        report.Line(LoadResult.TableHeader);

        // Warm the buffer cache and the plans once.
        await RunPgbenchAsync(context, [.. common, "-T", "5", .. connection], null);
        foreach (var rate in rates)
        {
            var result = await MeasureAsync(context, $"pgbench @ {rate}/s", [.. common], connection, rate, work);
            report.Line(result.TableRow());
            result.AddTo(report, $"rate_{rate}");
        }
        report.Line();
        report.Line("Here the generator is pgbench (its CPU is in the generator column).");
        report.Line();
        await report.SaveAsync(context.Results);
    }

    /// <summary>
    /// One fixed-rate pgbench window of the context's duration, latencies from its per-transaction log (measured from
    /// each transaction's scheduled start, like our generator).
    /// </summary>
    public static async Task<LoadResult> MeasureAsync(BenchContext context, string name, string[] arguments, string[] connection, int rate, string work)
    {
        var prefix = Path.Combine(work, "log");
        foreach (var old in Directory.GetFiles(work, "log.*"))
            File.Delete(old);
        var seconds = (int)context.Duration.TotalSeconds;
        var (cpu, tps, perRequest) = await RunPgbenchAsync(context,
            [.. arguments, "-R", rate.ToString(CultureInfo.InvariantCulture), "-T", seconds.ToString(CultureInfo.InvariantCulture), "-l", $"--log-prefix={prefix}", .. connection],
            rate);
        var samples = new LatencySamples(rate * seconds * 2);
        foreach (var file in Directory.GetFiles(work, "log.*"))
        {
            foreach (var line in File.ReadLines(file))
            {
                // client_id transaction_no time_us script_no time_epoch time_us schedule_lag
                var fields = line.Split(' ');
                if (fields.Length >= 3 && double.TryParse(fields[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var micros))
                    samples.AddMilliseconds(micros / 1000.0);
            }
        }
        return new LoadResult(name, rate, (long)rate * seconds, samples.Count, 0, 0, tps, samples.Percentiles(), cpu) { PerRequest = perRequest };
    }

    /// <summary>Runs pgbench; CPU in cores over its run, its tps, and CPU and PostgreSQL's counts per transaction.</summary>
    public static async Task<(Dictionary<string, double> Cpu, double Tps, Dictionary<string, double> PerRequest)> RunPgbenchAsync(BenchContext context, string[] arguments, int? rate)
    {
        var start = new ProcessStartInfo("pgbench", arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PGPASSWORD"] = context.Args.Text("pg-password", "taskmanager");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pgbench did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        var before = context.Cpu.Take();
        var databaseBefore = context.Database.Take();
        var lastTicks = 0L;
        CpuSnapshot? last = null;
        while (!process.HasExited)
        {
            var ticks = CpuMeter.ProcessTicksOf(process.Id);
            if (ticks > 0)
            {
                lastTicks = ticks;
                last = context.Cpu.Take();
            }
            await Task.Delay(250);
        }
        await process.WaitForExitAsync();
        var text = await output;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"pgbench failed ({process.ExitCode}): {await errors}\n{text}");
        if (rate is not null)
            Console.Error.WriteLine(text);
        var end = last ?? context.Cpu.Take();
        var databaseAfter = context.Database.Take();
        var cpu = CpuMeter.CoresBetween(before with { Generator = 0 }, end with { Generator = lastTicks });
        var tpsLine = text.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal)) ?? "tps = 0";
        var tps = double.Parse(tpsLine.Split(' ')[2], CultureInfo.InvariantCulture);
        var transactions = (long)Math.Round(tps * (end.At - before.At).TotalSeconds);
        var perRequest = LoadResult.CpuPerRequest(cpu, (end.At - before.At).TotalSeconds, transactions)
            .Concat(PgStatsMeter.PerRequest(databaseBefore, databaseAfter, transactions)).ToDictionary();
        return (cpu, tps, perRequest);
    }
}
