using Mediator;

namespace TaskManager.Application.Tasks.Commands.ClaimTask;

public sealed record ClaimTaskCommand(Guid TaskId, int? LeaseSeconds) : ICommand<TaskDto>;
