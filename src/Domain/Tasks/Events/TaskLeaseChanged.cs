namespace TaskManager.Domain.Tasks.Events;

/// <summary>A lease was granted, renewed, released or expired; the task's lease fields say which state it is in now.</summary>
public sealed record TaskLeaseChanged(TaskItem TaskItem, DateTimeOffset OccurredAt) : TaskDomainEvent(TaskItem, OccurredAt);
