namespace TaskManager.Application.Common.Events;

/// <summary>What a read of the event log after a position found.</summary>
/// <param name="Events">The events after the position, oldest first; empty when the position was lost.</param>
/// <param name="PositionLost">
/// The log can no longer prove it holds every event after the position (they were trimmed, or Redis lost its data),
/// so a reader that must not miss events has to resync instead of carrying on.
/// </param>
public sealed record TaskEventPage(IReadOnlyList<PublishedTaskEvent> Events, bool PositionLost);
