namespace TaskManager.Domain.Tasks.Events;

/// <summary>Title, description, priority or complexity changed; <see cref="Fields"/> names which.</summary>
public sealed record TaskEdited(TaskItem TaskItem, IReadOnlyList<string> Fields, DateTimeOffset OccurredAt) : TaskDomainEvent(TaskItem, OccurredAt);
