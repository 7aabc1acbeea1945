namespace TaskManager.Application.Common.Exceptions;

/// <summary>
/// A sync token is older than the deletions still on record: tombstones it has not seen were purged, so continuing from it
/// could leave deleted tasks in the client's copy. The client must list everything again from the start.
/// </summary>
public sealed class ResyncRequiredException(string field)
    : Exception($"The {field} token is older than the deletions kept on record; discard your copy and sync again with {field}=0.")
{
    /// <summary>The argument that carried the stale token.</summary>
    public string Field { get; } = field;
}
