namespace TaskManager.Domain.Tasks.Events;

public sealed record TaskReassigned(TaskItem TaskItem, Guid? PreviousAssigneeId, Guid? NewAssigneeId, DateTimeOffset OccurredAt)
    : TaskDomainEvent(TaskItem, OccurredAt);
