using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.ReleaseTask;

public sealed class ReleaseTaskHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock)
    : ICommandHandler<ReleaseTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(ReleaseTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        task.Release(caller.AsActor(), command.Comment, clock.UtcNow);
        await db.SaveInOneStatementAsync(cancellationToken);
        return TaskDtoProjection.Map(task);
    }
}
