using Mediator;

namespace TaskManager.Application.Tasks.Commands.RemoveDependency;

/// <summary>Stops <paramref name="TaskId"/> waiting for <paramref name="BlockedBy"/>.</summary>
public sealed record RemoveDependencyCommand(Guid TaskId, Guid BlockedBy) : ICommand<TaskDependenciesDto>;
