using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

/// <summary>Changes the status; finishing a task that others wait for tells those it was the last blocker of (task_unblocked).</summary>
public sealed class ChangeTaskStatusHandler(
    IApplicationDbContext db,
    ICurrentActor caller,
    IClock clock,
    DependantUnblocking unblocking) : ICommandHandler<ChangeTaskStatusCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(ChangeTaskStatusCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        var wasOpen = task.IsOpen;
        var now = clock.UtcNow;
        task.ChangeStatus(WireEnums.Status.Parse(command.Status!), caller.AsActor(command.UpdatedBy), command.Comment, now, command.ExpectedVersion);
        await unblocking.SaveAsync(task, wasOpen, now, cancellationToken);
        return TaskDtoProjection.Map(task);
    }
}
