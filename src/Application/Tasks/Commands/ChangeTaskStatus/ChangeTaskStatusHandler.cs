using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

public sealed class ChangeTaskStatusHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock)
    : ICommandHandler<ChangeTaskStatusCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(ChangeTaskStatusCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, cancellationToken);
        task.ChangeStatus(WireEnums.Status.Parse(command.Status!), caller.AsActor(command.UpdatedBy), command.Comment, clock.UtcNow, command.ExpectedVersion);
        await db.SaveChangesAsync(cancellationToken);
        return TaskDtoProjection.Map(task);
    }
}
