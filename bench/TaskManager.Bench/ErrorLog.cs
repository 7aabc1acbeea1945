using System.Collections.Concurrent;

namespace TaskManager.Bench;

/// <summary>Counts failures by kind, so a run with errors says which (printed and reset after each run).</summary>
public static class ErrorLog
{
    private static readonly ConcurrentDictionary<string, int> Kinds = new(StringComparer.Ordinal);

    public static void Add(string kind)
    {
        if (Kinds.Count < 50 || Kinds.ContainsKey(kind))
            Kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
    }

    /// <summary>The most frequent kinds as "N × kind" lines, then forgets them.</summary>
    public static IReadOnlyList<string> Drain()
    {
        var top = Kinds.OrderByDescending(p => p.Value).Take(5).Select(p => $"{p.Value} × {p.Key}").ToList();
        Kinds.Clear();
        return top;
    }
}
