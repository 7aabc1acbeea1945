namespace TaskManager.Infrastructure.Events;

/// <summary>
/// When the relay may read again while events are flowing: no sooner than <c>OUTBOX_COALESCE_MS</c> after the start of
/// its last read that found rows, so commits that come close together share a batch.
/// </summary>
/// <remarks>
/// A batch costs the same statement, two Redis scripts and a doorbell for every instance's reader whether it carries one
/// event or fifty. Rung by every commit, the relay published a batch of one or two events per write below saturation:
/// at 250 writes/s that was 235–350 µs of a write's ~1.8 ms of server CPU and a fifth to a third of its statements
/// (docs/benchmarks.md). Waiting out the interval turns that into one batch per interval under a stream of writes, for
/// at most the interval's delay to an event. A read after a quiet spell is never held back, so a lone change is
/// published at once; a read that found nothing does not count as a batch.
/// </remarks>
public sealed class RelayPacing(TimeSpan interval, TimeProvider time)
{
    private DateTimeOffset _lastBatchReadAt = DateTimeOffset.MinValue;

    /// <summary>A read that began at <paramref name="readAt"/> found rows to publish.</summary>
    public void BatchRead(DateTimeOffset readAt) => _lastBatchReadAt = readAt;

    /// <summary>
    /// How long the next read should wait: the rest of the interval since the last batch's read began, or zero; never
    /// more than the interval, even when the wall clock steps back.
    /// </summary>
    public TimeSpan UntilNextRead
    {
        get
        {
            var rest = interval - (time.GetUtcNow() - _lastBatchReadAt);
            return rest <= TimeSpan.Zero ? TimeSpan.Zero : rest < interval ? rest : interval;
        }
    }
}
