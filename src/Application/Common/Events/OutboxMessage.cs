namespace TaskManager.Application.Common.Events;

/// <summary>
/// One task event (or directory event, <see cref="Contract.DirectoryEvents"/>) in the outbox. The change's own transaction writes it, so an event exists exactly when its change
/// does; the relay reads it back, publishes it and marks the row. This is the event's one shape from PostgreSQL to
/// Redis to SSE: every field below travels as it is stored.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Database-assigned; rows of one task are published in this order, which is their commit order.</summary>
    public long Sequence { get; init; }

    /// <summary>The event_id consumers de-duplicate by.</summary>
    public required Guid Id { get; init; }

    /// <summary>The task the event is about; for a directory event, the user it is about.</summary>
    public required Guid TaskId { get; init; }

    public required string EventType { get; init; }

    /// <summary>
    /// The task JSON of the contract (plus the comment for task_commented; the user's JSON for a directory event), exactly the text Redis and SSE carry. The
    /// column is <c>text</c>, not <c>jsonb</c>, so PostgreSQL keeps the keys in the order the REST API writes them.
    /// </summary>
    public required string TaskData { get; init; }

    public Guid? AssigneeId { get; init; }

    public string? RepositoryName { get; init; }

    /// <summary>Set when the change took the task away from this user, who still hears of it (as task_updated).</summary>
    public Guid? PreviousAssigneeId { get; init; }

    /// <summary>Set when the change moved the task out of this repository.</summary>
    public string? PreviousRepositoryName { get; init; }

    /// <summary>When the change happened (its transaction), which is the event's timestamp; not when it was relayed.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Null until the relay has published the row; only the relay's SQL sets it.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }
}
