using System.Diagnostics;

namespace TaskManager.Bench;

/// <summary>
/// An open-model load generator: request i is due at start + i / rate whatever happened to earlier requests, and
/// its latency is measured from that intended time, not from when it was actually sent. A server that stalls
/// therefore shows its queueing in the percentiles instead of quietly slowing the generator down (coordinated
/// omission). A dedicated thread keeps the schedule; requests run on the thread pool.
/// </summary>
public sealed class OpenLoad(CpuMeter cpu, PgStatsMeter database)
{
    /// <summary>Requests in flight beyond this are not sent but counted as dropped, so a collapsed server cannot exhaust the generator.</summary>
    public int MaxOutstanding { get; init; } = 20_000;

    /// <param name="send">Sends request number i; true when the answer was the expected one.</param>
    public Task<LoadResult> RunAsync(string name, double rate, TimeSpan warmup, TimeSpan duration, Func<long, Task<bool>> send) =>
        RunAsync(name, rate, warmup, duration, send, 1, _ => 0);

    /// <summary>
    /// As above, with requests of <paramref name="kinds"/> kinds interleaved in one schedule (say REST and MCP), so
    /// both see the same machine at the same moments; <see cref="LoadResult.ByKind"/> has each kind's percentiles.
    /// </summary>
    public async Task<LoadResult> RunAsync(string name, double rate, TimeSpan warmup, TimeSpan duration, Func<long, Task<bool>> send,
        int kinds, Func<long, int> kindOf)
    {
        var warmupCount = (long)(rate * warmup.TotalSeconds);
        var measuredCount = (long)(rate * duration.TotalSeconds);
        var total = warmupCount + measuredCount;
        var samples = new LatencySamples((int)measuredCount + 16);
        var kindSamples = Enumerable.Range(0, kinds).Select(_ => new LatencySamples(kinds == 1 ? 0 : (int)measuredCount + 16)).ToArray();
        long ok = 0, errors = 0, dropped = 0, outstanding = 0, lastCompletion = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long finished = 0;
        var period = Stopwatch.Frequency / rate;
        // A process's first snapshot opens the meter's database connection and compiles Npgsql's code, which took
        // ~200 ms here: done now, before the schedule starts, not while the first measured requests are due.
        cpu.Take();
        database.Take();
        var start = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 20;
        var measureFrom = start + (long)(warmupCount * period);
        Task<(CpuSnapshot Cpu, PgStatsSnapshot? Database)>? startSnapshots = null;

        void Complete()
        {
            if (Interlocked.Increment(ref finished) == total)
                done.TrySetResult();
        }

        async Task ExecuteAsync(long i, long due)
        {
            bool success;
            try
            {
                success = await send(i);
            }
            catch (Exception e)
            {
                // Whatever went wrong is this request's failure, never the run's: count it by kind and go on.
                ErrorLog.Add(e.GetType().Name + ": " + e.Message);
                success = false;
            }
            var now = Stopwatch.GetTimestamp();
            Interlocked.Decrement(ref outstanding);
            if (i >= warmupCount)
            {
                if (success)
                {
                    samples.Add(now - due);
                    if (kinds > 1)
                        kindSamples[kindOf(i)].Add(now - due);
                    Interlocked.Increment(ref ok);
                }
                else
                {
                    Interlocked.Increment(ref errors);
                }
                InterlockedMax(ref lastCompletion, now);
            }
            Complete();
        }

        var scheduler = new Thread(() =>
        {
            for (long i = 0; i < total; i++)
            {
                var due = start + (long)(i * period);
                if (i == warmupCount)
                {
                    WaitUntil(due);
                    // Off this thread: requests due while a snapshot waits on PostgreSQL would leave late, and their latency
                    // (from the due time) would count the generator's wait as the server's.
                    startSnapshots = Task.Run(() => (cpu.Take(), database.Take()));
                }
                WaitUntil(due);
                if (Interlocked.Read(ref outstanding) >= MaxOutstanding)
                {
                    if (i >= warmupCount)
                        Interlocked.Increment(ref dropped);
                    Complete();
                    continue;
                }
                Interlocked.Increment(ref outstanding);
                var index = i;
                ThreadPool.UnsafeQueueUserWorkItem(_ => _ = ExecuteAsync(index, due), null);
            }
        })
        {
            IsBackground = true,
            Name = $"schedule {name}",
            Priority = ThreadPriority.AboveNormal,
        };
        scheduler.Start();

        // The schedule ends at start + total/rate; answers still missing 10 s later count as errors.
        var scheduleEnd = TimeSpan.FromSeconds(total / rate) + TimeSpan.FromMilliseconds(50);
        await Task.WhenAny(done.Task, Task.Delay(scheduleEnd + TimeSpan.FromSeconds(10)));
        var cpuEnd = cpu.Take();
        var databaseEnd = database.Take();
        var unanswered = total - Interlocked.Read(ref finished);
        scheduler.Join();
        var (cpuStart, databaseStart) = startSnapshots is null ? (cpuEnd, null) : await startSnapshots;

        var measuredSeconds = (Math.Max(lastCompletion, measureFrom + 1) - measureFrom) / (double)Stopwatch.Frequency;
        var cores = CpuMeter.CoresBetween(cpuStart, cpuEnd);
        var answered = Interlocked.Read(ref ok) + Interlocked.Read(ref errors);
        return new LoadResult(
            name,
            rate,
            measuredCount,
            Interlocked.Read(ref ok),
            Interlocked.Read(ref errors) + unanswered,
            Interlocked.Read(ref dropped),
            Interlocked.Read(ref ok) / Math.Max(measuredSeconds, duration.TotalSeconds),
            samples.Percentiles(),
            cores)
        {
            PerRequest = LoadResult.CpuPerRequest(cores, (cpuEnd.At - cpuStart.At).TotalSeconds, answered)
                .Concat(PgStatsMeter.PerRequest(databaseStart, databaseEnd, answered)).ToDictionary(),
            ByKind = kindSamples.Select(k => k.Percentiles()).ToArray(),
            ErrorKinds = ErrorLog.Drain(),
        };
    }

    /// <summary>
    /// Sleeps in 1 ms steps until the due time; requests that fall due within one step go out together. A request
    /// leaves at most ~1 ms late and that delay counts against us (latency runs from the due time), but the generator
    /// never spins: yielding in a loop cost it a third of a core on this 2-core box, taken from the server it measures.
    /// </summary>
    private static void WaitUntil(long due)
    {
        while (Stopwatch.GetTimestamp() < due)
            Thread.Sleep(1);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
                return;
            current = seen;
        }
    }
}
