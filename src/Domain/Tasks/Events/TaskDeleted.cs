namespace TaskManager.Domain.Tasks.Events;

public sealed record TaskDeleted(TaskItem TaskItem, DateTimeOffset OccurredAt) : TaskDomainEvent(TaskItem, OccurredAt);
