namespace TaskManager.Domain.Tasks.Events;

/// <summary>A blocker was added to or removed from the task.</summary>
public sealed record TaskDependenciesChanged(TaskItem TaskItem, DateTimeOffset OccurredAt) : TaskDomainEvent(TaskItem, OccurredAt);
