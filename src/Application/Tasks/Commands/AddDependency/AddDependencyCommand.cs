using Mediator;

namespace TaskManager.Application.Tasks.Commands.AddDependency;

/// <summary>Makes <paramref name="TaskId"/> wait for <paramref name="BlockedBy"/>.</summary>
public sealed record AddDependencyCommand(Guid TaskId, Guid? BlockedBy) : ICommand<TaskDependenciesDto>;
