using System.Globalization;
using System.Net;

namespace TaskManager.Bench;

/// <summary>
/// The server's own live-update histograms, read from its <c>/metrics</c> (served to callers on the same machine):
/// <c>taskmanager_sse_dispatch_lag_seconds</c>, from the change to the event queued for every stream, and
/// <c>taskmanager_sse_write_lag_seconds</c>, from the change to each stream's writer writing it. Read before and after a
/// window, their difference is the window's own, and its quantiles split commit → receipt into the path to the fan-out,
/// the fan-out, and what follows the server's write (the kernel and the generator's read).
/// </summary>
public sealed class ServerLagHistograms
{
    public const string Dispatch = "taskmanager_sse_dispatch_lag_seconds";
    public const string Write = "taskmanager_sse_write_lag_seconds";

    /// <summary>Per histogram, its buckets' cumulative counts by upper bound (+Inf last).</summary>
    private readonly Dictionary<string, SortedDictionary<double, double>> _buckets;

    private ServerLagHistograms(Dictionary<string, SortedDictionary<double, double>> buckets) => _buckets = buckets;

    /// <summary>The histograms now; null when the server has none (the minimal server serves no /metrics).</summary>
    public static async Task<ServerLagHistograms?> ScrapeAsync(BenchClient client)
    {
        using var response = await client.Http.GetAsync(client.BaseUrl + "/metrics");
        if (response.StatusCode != HttpStatusCode.OK)
            return null;
        var buckets = new Dictionary<string, SortedDictionary<double, double>>(StringComparer.Ordinal);
        foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
        {
            foreach (var name in (string[])[Dispatch, Write])
            {
                if (!line.StartsWith(name + "_bucket{", StringComparison.Ordinal) || Bound(line) is not { } bound)
                    continue;
                var counts = buckets.TryGetValue(name, out var known) ? known : buckets[name] = [];
                counts[bound] = counts.GetValueOrDefault(bound) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return buckets.Count == 0 ? null : new ServerLagHistograms(buckets);
    }

    /// <summary>
    /// The <paramref name="quantile"/> of what <paramref name="name"/> recorded since <paramref name="before"/>, in
    /// milliseconds: interpolated within its bucket as Prometheus's histogram_quantile does, so no finer than the buckets.
    /// </summary>
    public double? QuantileMilliseconds(string name, double quantile, ServerLagHistograms before)
    {
        if (!_buckets.TryGetValue(name, out var after))
            return null;
        var earlier = before._buckets.GetValueOrDefault(name);
        var window = after.Select(b => (Bound: b.Key, Count: b.Value - (earlier?.GetValueOrDefault(b.Key) ?? 0))).ToList();
        var total = window[^1].Count;
        if (total <= 0)
            return null;
        var rank = quantile * total;
        var (lower, below) = (0.0, 0.0);
        foreach (var (bound, count) in window)
        {
            if (count >= rank)
            {
                if (double.IsPositiveInfinity(bound))
                    return lower * 1000;
                return (lower + (bound - lower) * (count == below ? 1 : (rank - below) / (count - below))) * 1000;
            }
            (lower, below) = (bound, count);
        }
        return lower * 1000;
    }

    private static double? Bound(string line)
    {
        var at = line.IndexOf("le=\"", StringComparison.Ordinal);
        if (at < 0)
            return null;
        var value = line[(at + 4)..line.IndexOf('"', at + 4)];
        return value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture);
    }
}
