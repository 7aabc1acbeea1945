namespace TaskManager.Domain.Tasks.Events;

/// <summary>The task left <see cref="PreviousRepositoryName"/>, so that repository's watchers must hear of it too.</summary>
public sealed record TaskMovedToRepository(TaskItem TaskItem, string? PreviousRepositoryName, DateTimeOffset OccurredAt)
    : TaskDomainEvent(TaskItem, OccurredAt);
