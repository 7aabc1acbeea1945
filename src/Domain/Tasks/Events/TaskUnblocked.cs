namespace TaskManager.Domain.Tasks.Events;

/// <summary>The last open blocker of the task was finished, so the task can start now.</summary>
public sealed record TaskUnblocked(TaskItem TaskItem, DateTimeOffset OccurredAt) : TaskDomainEvent(TaskItem, OccurredAt);
