using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.DeleteTask;

public sealed class DeleteTaskHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock) : ICommandHandler<DeleteTaskCommand>
{
    public async ValueTask<Unit> Handle(DeleteTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, cancellationToken);
        task.Delete(caller.AsActor(), clock.UtcNow, command.ExpectedVersion);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
