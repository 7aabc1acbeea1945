namespace TaskManager.Application.Tasks;

/// <summary>
/// A task's dependencies after a change to them: what it waits for and what waits for it. Deleted tasks are left out;
/// they block nothing.
/// </summary>
public sealed record TaskDependenciesDto(Guid TaskId, string Title, int Version, IReadOnlyList<TaskLinkDto> BlockedBy, IReadOnlyList<TaskLinkDto> Blocks);
