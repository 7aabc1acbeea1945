namespace TaskManager.Domain.Tasks.Events;

public sealed record TaskStatusChanged(TaskItem TaskItem, TaskItemStatus From, TaskItemStatus To, DateTimeOffset OccurredAt)
    : TaskDomainEvent(TaskItem, OccurredAt);
