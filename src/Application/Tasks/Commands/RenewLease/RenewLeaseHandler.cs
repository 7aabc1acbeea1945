using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.RenewLease;

public sealed class RenewLeaseHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock)
    : ICommandHandler<RenewLeaseCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(RenewLeaseCommand command, CancellationToken cancellationToken)
    {
        var lease = TaskLease.Duration(command.LeaseSeconds);
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        task.RenewLease(caller.AsActor(), lease, clock.UtcNow);
        await db.SaveInOneStatementAsync(cancellationToken);
        return TaskDtoProjection.Map(task);
    }
}
