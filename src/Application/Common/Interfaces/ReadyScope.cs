using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>
/// Whose ready work to look at (unassigned tasks and the caller's own), optionally narrowed to a repository and a priority,
/// and always to the repositories the caller's key is limited to (<see cref="ICurrentActor.RepositoryIds"/>; null: any).
/// </summary>
public sealed record ReadyScope(Guid CallerId, Guid? RepositoryId, TaskPriority? Priority, IReadOnlyList<Guid>? AllowedRepositoryIds)
{
    public static ReadyScope For(ICurrentActor caller, Guid? repositoryId, TaskPriority? priority) =>
        new(caller.UserId, repositoryId, priority, caller.RepositoryIds);
}
