namespace TaskManager.Domain.Tasks.Events;

public sealed record TaskCommented(TaskItem TaskItem, TaskComment Comment, DateTimeOffset OccurredAt) : TaskDomainEvent(TaskItem, OccurredAt);
