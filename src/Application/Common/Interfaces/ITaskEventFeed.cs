using TaskManager.Application.Common.Events;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>
/// The published event log every instance shares (the <c>tasks:notifications</c> stream), read in entry-id order.
/// Ids are opaque strings to callers except for ordering, which <see cref="Compare"/> defines.
/// </summary>
public interface ITaskEventFeed
{
    /// <summary>Up to <paramref name="count"/> events with an id strictly greater than <paramref name="afterId"/>, oldest first.</summary>
    Task<IReadOnlyList<PublishedTaskEvent>> ReadAfterAsync(string afterId, int count, CancellationToken ct);

    /// <summary>Where the log stands: its last id ever written and whether events after <paramref name="position"/> may have been trimmed.</summary>
    Task<TaskEventFeedState> StateAsync(string? position, CancellationToken ct);

    /// <summary>Returns when any instance has published new events, or after <paramref name="timeout"/>.</summary>
    Task WaitForPublishAsync(TimeSpan timeout, CancellationToken ct);

    /// <summary>Whether <paramref name="id"/> is a well-formed event id.</summary>
    bool IsValidId(string id);

    /// <summary>Orders two event ids as the log does.</summary>
    int Compare(string left, string right);
}
