using Mediator;

namespace TaskManager.Application.Tasks.Commands.ReleaseTask;

public sealed record ReleaseTaskCommand(Guid TaskId, string? Comment) : ICommand<TaskDto>;
