using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>Whose ready work to look at (unassigned tasks and the caller's own), optionally narrowed to a repository and a priority.</summary>
public sealed record ReadyScope(Guid CallerId, Guid? RepositoryId, TaskPriority? Priority);
