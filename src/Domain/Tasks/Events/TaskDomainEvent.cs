using TaskManager.Domain.Common;

namespace TaskManager.Domain.Tasks.Events;

/// <summary>Base of every event a <see cref="TaskItem"/> raises; <see cref="TaskItem"/> is the aggregate after the change.</summary>
public abstract record TaskDomainEvent(TaskItem TaskItem, DateTimeOffset OccurredAt) : DomainEvent(Guid.CreateVersion7(OccurredAt), OccurredAt);
