namespace TaskManager.Application.Tasks.Queries.WaitForChanges;

/// <summary>What changed since the caller's position, and the position to ask from next.</summary>
/// <param name="Next">The id to pass as <c>since</c> in the next call: past every event read, matching or not.</param>
/// <param name="Resync">
/// The asked position is no longer in the event log (trimmed away, or the log was reset): changes may have been
/// missed, so the caller re-lists its tasks and continues from <paramref name="Next"/>.
/// </param>
public sealed record TaskChanges(IReadOnlyList<TaskChange> Events, string Next, bool Resync);
