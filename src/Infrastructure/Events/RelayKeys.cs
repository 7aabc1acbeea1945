using TaskManager.Application.Contract;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// The Redis keys the relays and readers share besides the contract's streams (those are in
/// <see cref="Application.Contract.TaskEvents"/>).
/// </summary>
public static class RelayKeys
{
    /// <summary>Every instance's reader subscribes here, so it reads new entries at once instead of at its next poll.</summary>
    public const string PublishedChannel = "tasks:published";

    /// <summary>
    /// Followed by an event id: holds that event's entry id in <c>tasks:notifications</c> while the event counts as
    /// published, so a retried publish is a no-op that still learns the id. The hash tag puts every marker in the
    /// stream's cluster slot, as one script writes both.
    /// </summary>
    public const string DeduplicationPrefix = "{" + TaskEvents.NotificationsStream + "}:published-event:";

    /// <summary>
    /// The newest relay lease epoch that has published; older epochs are refused (ADR 0004). In the log's cluster slot,
    /// as the script that appends to the log checks it.
    /// </summary>
    public const string EpochKey = "{" + TaskEvents.NotificationsStream + "}:relay-epoch";

    /// <summary>An instance that committed outbox rows but does not hold the relay lease rings the holder here.</summary>
    public const string DoorbellChannel = "tasks:outbox-doorbell";
}
