using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.AddDependency;

/// <summary>
/// Adds a dependency unless it would close a cycle. The cycle check and the insert run under one lock on dependency
/// changes, held until the commit: two links added at once (A waits for B, B waits for A) would each find no cycle in
/// the other's absence, so the second waits for the first and then sees it.
/// </summary>
public sealed class AddDependencyHandler(IApplicationDbContext db, ITaskQueue queue, ICurrentActor caller, IClock clock, IOutboxSignal outbox)
    : ICommandHandler<AddDependencyCommand, TaskDependenciesDto>
{
    public async ValueTask<TaskDependenciesDto> Handle(AddDependencyCommand command, CancellationToken cancellationToken)
    {
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        await queue.LockDependenciesAsync(cancellationToken);
        var task = await db.LoadWithBlockersForChangeAsync(command.TaskId, caller, cancellationToken);
        // The validator has refused a missing blocked_by.
        var blocker = await db.LoadBlockerAsync(command.BlockedBy!.Value, caller, cancellationToken);
        var chain = await db.LoadInOrderAsync(await queue.FindWaitChainAsync(blocker.Id, task.Id, cancellationToken), cancellationToken);
        task.AddBlocker(blocker, chain, caller.AsActor(), clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return await db.LoadDependenciesAsync(task, caller, cancellationToken);
    }
}
