namespace TaskManager.Application.Common.Events;

/// <summary>
/// A committed change waiting to be published to Redis. Written in the same transaction as the change, so an
/// event exists exactly when its change does; the relay publishes it afterwards and marks it.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
    }

    public OutboxMessage(Guid eventId, Guid taskId, string eventType, string taskData, Guid? assigneeId, string? repositoryName,
        Guid? previousAssigneeId, string? previousRepositoryName, DateTimeOffset occurredAt)
    {
        Id = eventId;
        TaskId = taskId;
        EventType = eventType;
        TaskData = taskData;
        AssigneeId = assigneeId;
        RepositoryName = repositoryName;
        PreviousAssigneeId = previousAssigneeId;
        PreviousRepositoryName = previousRepositoryName;
        OccurredAt = occurredAt;
    }

    /// <summary>Database-assigned; rows of one task are published in this order, which is their commit order.</summary>
    public long Sequence { get; private set; }

    /// <summary>The event_id consumers de-duplicate by.</summary>
    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public string EventType { get; private set; } = "";

    /// <summary>The task JSON of the contract (plus the comment for task_commented).</summary>
    public string TaskData { get; private set; } = "";

    public Guid? AssigneeId { get; private set; }

    public string? RepositoryName { get; private set; }

    /// <summary>Set when the change took the task away from this user, who still hears of it (as task_updated).</summary>
    public Guid? PreviousAssigneeId { get; private set; }

    /// <summary>Set when the change moved the task out of this repository.</summary>
    public string? PreviousRepositoryName { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset? PublishedAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public void MarkPublished(DateTimeOffset now) => PublishedAt = now;

    public void RecordFailure(string error)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
    }
}
