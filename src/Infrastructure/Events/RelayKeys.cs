namespace TaskManager.Infrastructure.Events;

/// <summary>
/// The Redis keys the relays and readers share besides the contract's streams (those are in
/// <see cref="Application.Contract.TaskEvents"/>).
/// </summary>
public static class RelayKeys
{
    /// <summary>Every instance's reader subscribes here, so it reads new entries at once instead of at its next poll.</summary>
    public const string PublishedChannel = "tasks:published";

    /// <summary>Followed by an event id: set while that event counts as published, so a retried publish is a no-op.</summary>
    public const string DeduplicationPrefix = "tasks:published-event:";
}
