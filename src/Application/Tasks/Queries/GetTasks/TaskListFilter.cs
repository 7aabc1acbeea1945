using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Queries.GetTasks;

/// <summary>A list's filters once resolved to ids and enum values; null (or an empty list's absence) means "any".</summary>
public sealed record TaskListFilter(
    Guid? Assignee,
    Guid? Repository,
    TaskItemStatus[]? Statuses,
    TaskPriority[]? Priorities,
    DateTimeOffset? UpdatedSince);
