using System.Diagnostics.Metrics;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Common.Metrics;

/// <summary>
/// The service's own measurements on the <see cref="MeterName"/> meter: the health of live updates (open streams,
/// outbox backlog, relay lag, events published and delivered) and of agent work (claims, lease expiries). They are
/// recorded where they happen, with System.Diagnostics.Metrics only; the host decides whether and how they are exported
/// (OpenTelemetry to Prometheus). Every instrument is described in docs/operations.md#metrics.
/// </summary>
public sealed class TaskManagerMetrics
{
    public const string MeterName = "TaskManager";

    /// <summary>Relay lag is milliseconds when healthy and seconds to minutes when Redis was away; the default buckets are for milliseconds.</summary>
    private static readonly IReadOnlyList<double> LagBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    /// <summary>
    /// Live-update lags are tens of milliseconds when healthy, against objectives of 50–100 ms (docs/benchmarks.md): finer
    /// buckets there than the relay's, so a p99 read from them says which side of an objective it is on.
    /// </summary>
    private static readonly IReadOnlyList<double> LiveBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    /// <summary>Events per relay batch: one or two when commits are sparse, up to OUTBOX_BATCH_SIZE (at most 10,000) in a backlog.</summary>
    private static readonly IReadOnlyList<long> BatchBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 10_000];

    private readonly IClock _clock;
    private readonly UpDownCounter<long> _openStreams;
    private readonly Counter<long> _delivered;
    private readonly Counter<long> _published;
    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _relayLag;
    private readonly Histogram<double> _dispatchLag;
    private readonly Histogram<double> _writeLag;
    private readonly Counter<long> _relayLeases;
    private readonly Counter<long> _claims;
    private readonly Counter<long> _leaseExpiries;
    private BacklogSample? _backlog;

    public TaskManagerMetrics(IMeterFactory meters, IClock clock)
    {
        _clock = clock;
        var meter = meters.Create(MeterName);
        _openStreams = meter.CreateUpDownCounter<long>("taskmanager.sse.streams", "{stream}",
            "Live-update (SSE) streams open on this instance.");
        _delivered = meter.CreateCounter<long>("taskmanager.sse.events_delivered", "{event}",
            "Task events written to SSE streams by this instance, replays included.");
        _published = meter.CreateCounter<long>("taskmanager.outbox.events_published", "{event}",
            "Outbox rows this instance's relay published to Redis.");
        _batchSize = meter.CreateHistogram("taskmanager.outbox.batch_size", "{event}",
            "Events in each batch this instance's relay published: how well commits close together share a publish (OUTBOX_COALESCE_MS).",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchBuckets });
        _relayLag = meter.CreateHistogram("taskmanager.outbox.relay_lag", "s",
            "Time from a change (its occurred_at, stamped just before commit) to its publication to Redis.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        _dispatchLag = meter.CreateHistogram("taskmanager.sse.dispatch_lag", "s",
            "Time from a change to its event being queued for every stream of this instance that receives it, once per event: "
            + "the relay, Redis and this instance's reader.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LiveBuckets });
        _writeLag = meter.CreateHistogram("taskmanager.sse.write_lag", "s",
            "Time from a change to its event being written to a stream (into the connection's buffer, flushed with its batch), "
            + "once per stream that receives it: the dispatch lag plus the wait for the stream's writer.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LiveBuckets });
        _relayLeases = meter.CreateCounter<long>("taskmanager.outbox.relay_leases_taken", "{lease}",
            "Times this instance took the relay lease (at start, or from an instance that froze, died or stopped).");
        meter.CreateObservableGauge("taskmanager.outbox.backlog", ObserveBacklog, "{event}",
            "Outbox rows not yet published, by every instance together, as last sampled.");
        meter.CreateObservableGauge("taskmanager.outbox.oldest_age", ObserveOldestAge, "s",
            "Age of the oldest outbox row not yet published; 0 when none waits.");
        _claims = meter.CreateCounter<long>("taskmanager.tasks.claims", "{claim}",
            "Tasks claimed through this instance; mode=next (claim_next_task) or chosen (claim_task).");
        _leaseExpiries = meter.CreateCounter<long>("taskmanager.tasks.lease_expiries", "{lease}",
            "Claim leases that ran out and were returned to the pool by this instance's sweeper.");
    }

    public void StreamOpened() => _openStreams.Add(1);

    public void StreamClosed() => _openStreams.Add(-1);

    public void EventsDelivered(int count)
    {
        if (count > 0)
            _delivered.Add(count);
    }

    /// <summary>After the relay published a batch: count its rows, the batch and how long each row waited.</summary>
    public void EventsPublished(IReadOnlyCollection<OutboxMessage> rows, DateTimeOffset publishedAt)
    {
        _published.Add(rows.Count);
        _batchSize.Record(rows.Count);
        foreach (var row in rows)
            _relayLag.Record(SecondsBetween(row.OccurredAt, publishedAt));
    }

    /// <summary>After the hub queued an event for every local stream it concerns; <paramref name="occurredAt"/> is the change's time.</summary>
    public void EventDispatched(DateTimeOffset occurredAt) => _dispatchLag.Record(SecondsSince(occurredAt));

    /// <summary>As a stream's writer writes a live event (not a replayed one, whose lag is how long its client was away).</summary>
    public void EventWritten(DateTimeOffset occurredAt) => _writeLag.Record(SecondsSince(occurredAt));

    private double SecondsSince(DateTimeOffset then) => SecondsBetween(then, _clock.UtcNow);

    /// <summary>Never negative: a change is stamped by the writing instance's clock, which may run ahead of this one's.</summary>
    private static double SecondsBetween(DateTimeOffset then, DateTimeOffset now) => Math.Max(0, (now - then).TotalSeconds);

    public void RelayLeaseTaken() => _relayLeases.Add(1);

    public void NextTaskClaimed() => _claims.Add(1, new KeyValuePair<string, object?>("mode", "next"));

    public void ChosenTaskClaimed() => _claims.Add(1, new KeyValuePair<string, object?>("mode", "chosen"));

    public void LeasesExpired(int count)
    {
        if (count > 0)
            _leaseExpiries.Add(count);
    }

    /// <summary>
    /// The outbox as a sampler last saw it. The oldest row's time is kept rather than its age, so the age reported grows
    /// between samples as a stuck row really does.
    /// </summary>
    public void OutboxSampled(long unpublished, DateTimeOffset? oldestOccurredAt) =>
        Volatile.Write(ref _backlog, new BacklogSample(unpublished, oldestOccurredAt));

    private IEnumerable<Measurement<long>> ObserveBacklog() =>
        Volatile.Read(ref _backlog) is { } sample ? [new Measurement<long>(sample.Unpublished)] : [];

    private IEnumerable<Measurement<double>> ObserveOldestAge() =>
        Volatile.Read(ref _backlog) is { } sample
            ? [new Measurement<double>(sample.OldestOccurredAt is { } oldest ? SecondsSince(oldest) : 0)]
            : [];

    private sealed record BacklogSample(long Unpublished, DateTimeOffset? OldestOccurredAt);
}
