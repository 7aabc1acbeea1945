using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

/// <summary>Changes the status; finishing a task that others wait for tells those it was the last blocker of (task_unblocked).</summary>
public sealed class ChangeTaskStatusHandler(
    IApplicationDbContext db,
    ICurrentActor caller,
    IClock clock,
    DependantUnblocking unblocking,
    IOutboxSignal outbox) : ICommandHandler<ChangeTaskStatusCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(ChangeTaskStatusCommand command, CancellationToken cancellationToken)
    {
        // Read outside a transaction: the save is guarded by the version read here, so a change made in between makes
        // this one fail as a conflict rather than overwrite it.
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        var wasOpen = task.IsOpen;
        var now = clock.UtcNow;
        task.ChangeStatus(WireEnums.Status.Parse(command.Status!), caller.AsActor(command.UpdatedBy), command.Comment, now, command.ExpectedVersion);
        if (DependantUnblocking.MayUnblock(task, wasOpen))
            await SaveClosingAsync(task, now, cancellationToken);
        else
            await db.SaveInOneStatementAsync(cancellationToken);
        return TaskDtoProjection.Map(task);
    }

    /// <summary>Closing a task may unblock others, which takes the dependency lock: that needs a transaction.</summary>
    private async Task SaveClosingAsync(TaskItem task, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using (var transaction = await db.BeginTransactionAsync(cancellationToken))
        {
            await unblocking.NoteAsync(task, wasOpen: true, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        outbox.Notify();
    }
}
