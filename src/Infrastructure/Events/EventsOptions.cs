namespace TaskManager.Infrastructure.Events;

/// <summary>How events are relayed and kept; bound once from the environment and checked at start-up.</summary>
public sealed class EventsOptions
{
    /// <summary>EVENTS_STREAM_MAXLEN: the approximate number of entries each stream keeps.</summary>
    public int StreamMaxLength { get; set; } = 10_000;

    /// <summary>
    /// EVENTS_RETENTION_SECONDS: how long stream entries are kept. Each publish trims older entries from the streams it
    /// writes, and a per-user or per-repository stream that receives nothing for this long expires, so the streams'
    /// total memory is bounded by the events of this window however many users and repositories there are.
    /// </summary>
    public int RetentionSeconds { get; set; } = 86_400;

    /// <summary>OUTBOX_POLL_MS: how often the relay looks for rows without being woken (rows committed by other processes).</summary>
    public int PollMilliseconds { get; set; } = 1_000;

    /// <summary>
    /// OUTBOX_COALESCE_MS: while events are flowing, the shortest time between the starts of two of the relay's reads
    /// that find rows; commits within it wait for the next read and share its batch (<see cref="RelayPacing"/>). 0 reads
    /// at every ring. At most 1000, so even the shortest lease (2 s, renewed every third) is renewed in time.
    /// </summary>
    public int CoalesceMilliseconds { get; set; } = 10;

    /// <summary>OUTBOX_BATCH_SIZE: rows the relay reads, publishes and marks published at a time.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>OUTBOX_RETENTION_HOURS: how long published rows are kept (for audits and debugging) before they are deleted.</summary>
    public double RetentionHours { get; set; } = 24;

    /// <summary>
    /// OUTBOX_LEASE_SECONDS: how long the relay lease lasts unrenewed, so how soon another instance takes over from a
    /// frozen or dead holder; also the bound on each of the relay's database and Redis calls.
    /// </summary>
    public int LeaseSeconds { get; set; } = 5;

    /// <summary>OUTBOX_MAX_BACKOFF_MS: the longest pause between retries while Redis or PostgreSQL is unreachable.</summary>
    public int MaxBackoffMilliseconds { get; set; } = 5_000;

    /// <summary>
    /// EVENTS_DEDUP_SECONDS: how long Redis remembers an event id it published, so a batch retried after a partial
    /// publish (Redis failed mid-batch, or the commit after publishing failed) does not publish an event twice.
    /// </summary>
    public int DeduplicationSeconds { get; set; } = 900;
}
