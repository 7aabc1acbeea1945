using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Metrics;

namespace TaskManager.Application.Tasks.Commands.ExpireLeases;

/// <summary>
/// Every instance sweeps; the row locks (skipping rows another sweeper holds) and the entity's own check that the lease
/// is still expired make each expiry happen once, with one set of history rows and one event.
/// </summary>
public sealed class ExpireLeasesHandler(
    IApplicationDbContext db, ITaskQueue queue, ICurrentActor caller, IClock clock, IOutboxSignal outbox, TaskManagerMetrics metrics)
    : ICommandHandler<ExpireLeasesCommand, int>
{
    public async ValueTask<int> Handle(ExpireLeasesCommand command, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        var expired = 0;
        foreach (var taskId in await queue.LockExpiredLeasesAsync(now, command.BatchSize, cancellationToken))
        {
            // The sweeper is the server's own work, whose caller reaches every task.
            var task = await db.LoadForChangeAsync(taskId, caller, cancellationToken);
            if (task.ExpireLease(now))
                expired++;
        }
        if (expired == 0)
            return 0;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        metrics.LeasesExpired(expired);
        return expired;
    }
}
