namespace TaskManager.Infrastructure.Events;

/// <summary>
/// The outbox rows this relay has put on the streams whose <c>published_at</c> is still null, and when to mark them.
/// </summary>
/// <remarks>
/// A mark is a write: an <c>UPDATE</c>, a commit and a WAL flush. Made by every batch's read, it was most of the relay's
/// database work below saturation, where a doorbell per commit makes batches of one or two events: at 250 status
/// changes/s, 0.79 mark-and-read statements and ~0.7 flushed commits per change, each statement planned afresh
/// (pg_stat_statements, docs/benchmarks.md). So reads leave these rows out by sequence without marking them, which is a
/// read-only statement, and they are marked together once the oldest has waited <see cref="MarkDelay"/> or a batch's
/// worth has gathered. Waiting costs no delivery: the rows are on the streams already. A successor that takes the
/// lease before the mark publishes them again, and Redis' de-duplication markers drop the repeats.
/// </remarks>
public sealed class UnmarkedRows(TimeProvider time)
{
    /// <summary>How long a published row waits to be marked; once writes stop, the outbox is up to date this soon.</summary>
    public static readonly TimeSpan MarkDelay = TimeSpan.FromMilliseconds(50);

    private readonly List<long> _sequences = [];
    private DateTimeOffset _oldestPublishedAt;

    public bool IsEmpty => _sequences.Count == 0;

    /// <summary>The sequences, for a statement's parameter.</summary>
    public long[] Sequences => [.. _sequences];

    /// <summary>Rows just published.</summary>
    public void Add(IEnumerable<long> sequences)
    {
        if (IsEmpty)
            _oldestPublishedAt = time.GetUtcNow();
        _sequences.AddRange(sequences);
    }

    /// <summary>Whether the next read should mark them: the oldest has waited long enough, or a full batch has gathered.</summary>
    public bool MarkDue(int batchSize) => !IsEmpty && (_sequences.Count >= batchSize || UntilMarkDue <= TimeSpan.Zero);

    /// <summary>How long until the oldest has waited <see cref="MarkDelay"/> (zero once it has); infinite when there are none.</summary>
    public TimeSpan UntilMarkDue => IsEmpty
        ? Timeout.InfiniteTimeSpan
        : TimeSpan.FromTicks(Math.Max(0, (MarkDelay - (time.GetUtcNow() - _oldestPublishedAt)).Ticks));

    /// <summary>They were marked.</summary>
    public void Clear() => _sequences.Clear();
}
