using System.Globalization;

namespace TaskManager.Bench;

/// <summary>
/// CPU time of the processes in a run (this load generator, the server, PostgreSQL's postmaster and its backends,
/// Redis) from /proc, so the report can show who used the two cores and that the generator was not the bottleneck.
/// </summary>
public sealed class CpuMeter(int serverPid, int postmasterPid, int redisPid)
{
    private const double ClockTicksPerSecond = 100.0; // USER_HZ on every Linux we run on

    public CpuSnapshot Take() => new(
        DateTime.UtcNow,
        ProcessTicks(Environment.ProcessId),
        ProcessTicks(serverPid),
        PostgresTicks(),
        ProcessTicks(redisPid),
        MachineTicks());

    /// <summary>Cores used by each party between two snapshots (1.0 = one core fully busy).</summary>
    public static Dictionary<string, double> CoresBetween(CpuSnapshot from, CpuSnapshot to)
    {
        var seconds = (to.At - from.At).TotalSeconds;
        double Cores(long a, long b) => (b - a) / ClockTicksPerSecond / seconds;
        var generator = Cores(from.Generator, to.Generator);
        var server = Cores(from.Server, to.Server);
        var postgres = Cores(from.Postgres, to.Postgres);
        var redis = Cores(from.Redis, to.Redis);
        var machineBusy = Cores(from.MachineBusy, to.MachineBusy);
        var ours = generator + server + postgres + redis;
        return new Dictionary<string, double>
        {
            ["cpu_generator_cores"] = generator,
            ["cpu_server_cores"] = server,
            ["cpu_postgres_cores"] = postgres,
            ["cpu_redis_cores"] = redis,
            ["cpu_machine_busy_cores"] = machineBusy,
            ["cpu_generator_share"] = ours > 0 ? generator / ours : 0,
            ["cpu_other_processes_cores"] = Math.Max(0, machineBusy - ours),
        };
    }

    private long PostgresTicks()
    {
        if (postmasterPid <= 0)
            return 0;
        // The postmaster's own time includes its reaped children's (cutime + cstime), so a backend that exits during a
        // window keeps counting; summing live backends alone made such windows come out negative.
        long total = ProcessTicks(postmasterPid);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid == postmasterPid)
                continue;
            if (ReadStat(pid) is { } fields && fields.Length > 14 && fields[1] == postmasterPid.ToString(CultureInfo.InvariantCulture))
                total += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        return total;
    }

    public static long ProcessTicksOf(int pid) => ProcessTicks(pid);

    private static long ProcessTicks(int pid)
    {
        if (pid <= 0 || ReadStat(pid) is not { Length: > 14 } fields)
            return 0;
        // utime + stime, plus cutime + cstime: the time of children it has reaped.
        return fields.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
    }

    /// <summary>/proc/PID/stat fields after the parenthesised command name: [0] state, [1] ppid, … [11] utime, [12] stime.</summary>
    private static string[]? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return text[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long MachineTicks()
    {
        var line = File.ReadLines("/proc/stat").First();
        var values = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
        return values.Take(8).Sum() - values[3] - values[4];
    }

    /// <summary>Resident memory of a process in bytes (VmRSS).</summary>
    public static long ResidentBytes(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        return 0;
    }
}
