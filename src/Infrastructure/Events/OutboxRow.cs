namespace TaskManager.Infrastructure.Events;

/// <summary>An unpublished outbox row as the relay reads it.</summary>
public sealed record OutboxRow(
    long Sequence,
    Guid EventId,
    Guid TaskId,
    string EventType,
    string TaskData,
    Guid? AssigneeId,
    string? RepositoryName,
    Guid? PreviousAssigneeId,
    string? PreviousRepositoryName,
    DateTimeOffset OccurredAt);
