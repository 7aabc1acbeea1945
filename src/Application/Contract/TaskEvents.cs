namespace TaskManager.Application.Contract;

/// <summary>
/// The task events of the contract: their type names, the Redis streams they are written to, and the type each
/// recipient sees. The relay writes the streams by <see cref="Targets"/> and a live-update subscription delivers what
/// its streams hold by the same rule, so Redis and SSE cannot disagree about who hears of a change, or as what.
/// </summary>
public static class TaskEvents
{
    /// <summary>Created with an assignee, or re-assigned; the new assignee's stream gets it.</summary>
    public const string Assigned = "task_assigned";

    public const string Updated = "task_updated";

    /// <summary>The status became completed.</summary>
    public const string Completed = "task_completed";

    /// <summary>The task data also carries the comment.</summary>
    public const string Commented = "task_commented";

    public const string Deleted = "task_deleted";

    /// <summary>
    /// The last open blocker of the task was completed, cancelled or deleted, so it can start now. Routed like
    /// <see cref="Updated"/>: to the task's assignee and repository.
    /// </summary>
    public const string Unblocked = "task_unblocked";

    /// <summary>Every event, under its own type.</summary>
    public const string NotificationsStream = "tasks:notifications";

    public static string UserStream(Guid userId) => $"tasks:user:{userId}";

    public static string RepositoryStream(string repository) => $"tasks:repo:{repository}";

    /// <summary>
    /// The per-user and per-repository streams an event goes to, with the type it has there. The task's assignee and
    /// repository see the event's own type; an assignee or repository the task has just left sees
    /// <see cref="Updated"/>, so it can drop the task. The task's current streams come first: a subscriber that reads
    /// several streams receives an event once, as the type of the first of its streams listed here.
    /// </summary>
    public static IEnumerable<(string Stream, string EventType)> Targets(string eventType, Guid? assigneeId, string? repository,
        Guid? previousAssigneeId, string? previousRepository)
    {
        if (assigneeId is { } assignee)
            yield return (UserStream(assignee), eventType);
        if (repository is not null)
            yield return (RepositoryStream(repository), eventType);
        if (previousAssigneeId is { } previous && previous != assigneeId)
            yield return (UserStream(previous), Updated);
        if (previousRepository is not null && previousRepository != repository)
            yield return (RepositoryStream(previousRepository), Updated);
    }
}
