using Mediator;

namespace TaskManager.Application.Tasks.Queries.GetReadyTasks;

/// <summary>What the caller could start now, in the order claim_next_task would take it.</summary>
public sealed record GetReadyTasksQuery(string? Repository, int? Limit) : IQuery<IReadOnlyList<TaskDto>>;
