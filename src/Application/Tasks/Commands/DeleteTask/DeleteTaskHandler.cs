using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.DeleteTask;

/// <summary>Deletes a task; a deleted blocker blocks nothing, so its dependants may be unblocked (task_unblocked).</summary>
public sealed class DeleteTaskHandler(
    IApplicationDbContext db,
    ICurrentActor caller,
    IClock clock,
    DependantUnblocking unblocking,
    IOutboxSignal outbox) : ICommandHandler<DeleteTaskCommand>
{
    public async ValueTask<Unit> Handle(DeleteTaskCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var task = await db.LoadForChangeAsync(command.TaskId, cancellationToken);
        var wasOpen = task.IsOpen;
        var now = clock.UtcNow;
        task.Delete(caller.AsActor(), now, command.ExpectedVersion);
        await unblocking.NoteAsync(task, wasOpen, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return Unit.Value;
    }
}
