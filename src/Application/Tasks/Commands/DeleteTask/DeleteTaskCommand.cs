using Mediator;

namespace TaskManager.Application.Tasks.Commands.DeleteTask;

/// <summary>Soft-deletes a task: it leaves every list, its history stays.</summary>
public sealed record DeleteTaskCommand(Guid TaskId, int? ExpectedVersion = null) : ICommand;
