using TaskManager.Application.Common.Events;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>
/// The published event log every instance shares (the <c>tasks:notifications</c> stream), read in entry-id order.
/// Ids are opaque strings to callers except for ordering, which <see cref="Compare"/> defines.
/// </summary>
public interface ITaskEventFeed
{
    /// <summary>
    /// Up to <paramref name="count"/> events with an id strictly greater than <paramref name="afterId"/>, oldest first,
    /// or <see cref="TaskEventPage.PositionLost"/> when the log cannot serve exactly what followed that id.
    /// </summary>
    Task<TaskEventPage> ReadAfterAsync(string afterId, int count, CancellationToken ct);

    /// <summary>The id of the last event ever written to the log (where a reader starting now begins).</summary>
    Task<string> LastIdAsync(CancellationToken ct);

    /// <summary>Returns when any instance has published new events, or after <paramref name="timeout"/>.</summary>
    Task WaitForPublishAsync(TimeSpan timeout, CancellationToken ct);

    /// <summary>Whether <paramref name="id"/> is a well-formed event id.</summary>
    bool IsValidId(string id);

    /// <summary>Orders two event ids as the log does.</summary>
    int Compare(string left, string right);
}
