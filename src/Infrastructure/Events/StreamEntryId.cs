using System.Globalization;

namespace TaskManager.Infrastructure.Events;

/// <summary>A Redis stream entry id (<c>milliseconds-sequence</c>), ordered as Redis orders them.</summary>
public readonly record struct StreamEntryId(ulong Milliseconds, ulong Sequence) : IComparable<StreamEntryId>
{
    public static readonly StreamEntryId Zero = new(0, 0);

    public static bool TryParse(string? value, out StreamEntryId id)
    {
        id = Zero;
        if (string.IsNullOrEmpty(value) || value.Length > 41)
            return false;
        // Spans, not substrings: every delivery to every subscriber may compare ids.
        var dash = value.IndexOf('-', StringComparison.Ordinal);
        var msPart = dash < 0 ? value.AsSpan() : value.AsSpan(0, dash);
        var seqPart = dash < 0 ? "0" : value.AsSpan(dash + 1);
        if (!ulong.TryParse(msPart, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            || !ulong.TryParse(seqPart, NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
            return false;
        id = new StreamEntryId(ms, seq);
        return true;
    }

    public static StreamEntryId Parse(string value) =>
        TryParse(value, out var id) ? id : throw new FormatException($"'{value}' is not a stream entry id.");

    public int CompareTo(StreamEntryId other) =>
        Milliseconds != other.Milliseconds ? Milliseconds.CompareTo(other.Milliseconds) : Sequence.CompareTo(other.Sequence);

    public static bool operator <(StreamEntryId left, StreamEntryId right) => left.CompareTo(right) < 0;

    public static bool operator >(StreamEntryId left, StreamEntryId right) => left.CompareTo(right) > 0;

    public static bool operator <=(StreamEntryId left, StreamEntryId right) => left.CompareTo(right) <= 0;

    public static bool operator >=(StreamEntryId left, StreamEntryId right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Milliseconds}-{Sequence}");
}
