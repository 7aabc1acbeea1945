using TaskManager.Application.Contract;
using TaskManager.Application.Tasks.Queries.ResolveEventFilter;

namespace TaskManager.Api.Realtime;

/// <summary>
/// Decides whether, and as which type, a subscriber receives an event. A subscription reads the contract's streams of
/// one user and some repositories, so it receives what those streams received, by the same routing rule, and an event
/// that reached several of them once; never one its credential may not see.
/// </summary>
public sealed class SubscriberFilter(EventFilter filter)
{
    private readonly HashSet<string> _streams =
        new([TaskEvents.UserStream(filter.UserId), .. filter.Repositories.Select(TaskEvents.RepositoryStream)], StringComparer.Ordinal);

    /// <returns>The event type to deliver, or null when the event does not concern this subscriber.</returns>
    public string? Match(LiveEvent liveEvent)
    {
        if (!filter.Visibility.Admits(liveEvent.Published))
            return null;
        foreach (var (stream, eventType) in liveEvent.Targets)
        {
            if (_streams.Contains(stream))
                return eventType;
        }
        return null;
    }
}
