using TaskManager.Application.Common.Events;
using TaskManager.Application.Tasks.Queries.ResolveEventFilter;

namespace TaskManager.Api.Realtime;

/// <summary>Decides whether, and as which type, a subscriber receives an event; one decision per event, so a match through both user and repository is one delivery.</summary>
public sealed class SubscriberFilter(EventFilter filter)
{
    private readonly string _userId = filter.UserId.ToString();
    private readonly HashSet<string> _repositories = new(filter.Repositories, StringComparer.Ordinal);

    /// <returns>The event type to deliver, or null when the event does not concern this subscriber.</returns>
    public string? Match(PublishedTaskEvent e)
    {
        if (string.Equals(e.AssigneeId, _userId, StringComparison.OrdinalIgnoreCase) || (e.Repository is { } r && _repositories.Contains(r)))
            return e.EventType;
        // The task left this user or repository: they hear of it as an update (the contract's re-assignment rule).
        if (string.Equals(e.PreviousAssigneeId, _userId, StringComparison.OrdinalIgnoreCase)
            || (e.PreviousRepository is { } p && _repositories.Contains(p)))
            return TaskEventTypes.Updated;
        return null;
    }
}
