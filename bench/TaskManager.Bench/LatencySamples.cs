using System.Diagnostics;

namespace TaskManager.Bench;

/// <summary>Every latency of a run, kept whole (no histogram buckets) and sorted once for exact percentiles.</summary>
public sealed class LatencySamples(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _count;

    public int Count => Math.Min(_count, _ticks.Length);

    public void Add(long stopwatchTicks)
    {
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < _ticks.Length)
            _ticks[index] = stopwatchTicks;
    }

    public void AddMilliseconds(double milliseconds) => Add((long)(milliseconds * Stopwatch.Frequency / 1000.0));

    /// <summary>Percentiles in milliseconds, keyed p50, p90, p99, p99.9 and max; NaN when nothing was recorded.</summary>
    public Dictionary<string, double> Percentiles()
    {
        var sorted = _ticks.AsSpan(0, Count).ToArray();
        Array.Sort(sorted);
        double At(double q) => sorted.Length == 0 ? double.NaN
            : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1 < 0 ? 0 : (int)Math.Ceiling(q * sorted.Length) - 1)]
              * 1000.0 / Stopwatch.Frequency;
        return new Dictionary<string, double>
        {
            ["p50"] = At(0.50),
            ["p90"] = At(0.90),
            ["p99"] = At(0.99),
            ["p99.9"] = At(0.999),
            ["max"] = sorted.Length == 0 ? double.NaN : sorted[^1] * 1000.0 / Stopwatch.Frequency,
        };
    }
}
