namespace TaskManager.Domain.Tasks.Events;

public sealed record TaskCreated(TaskItem TaskItem, DateTimeOffset OccurredAt) : TaskDomainEvent(TaskItem, OccurredAt);
