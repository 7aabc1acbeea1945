using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

/// <summary>
/// The rule of task_unblocked, in one place. A blocker stops blocking when it is completed, cancelled or deleted (when
/// <see cref="TaskItem.IsOpen"/> turns false, the moment the readiness rule stops counting it); each open dependant
/// whose other blockers are all finished too can start now, and is told so in the same transaction as the blocker's
/// change. Removing a dependency is not a blocker finishing: the dependant hears of that as task_updated.
/// </summary>
public sealed class DependantUnblocking(IApplicationDbContext db, ITaskQueue queue, IOutboxSignal outbox)
{
    /// <summary>
    /// Saves a change to <paramref name="task"/>, read and changed outside a transaction. Only a change that closed it can
    /// unblock the tasks waiting for it, and telling them takes the dependency lock, so that change is saved in a
    /// transaction with the dependants' events; any other is one statement (<see cref="IApplicationDbContext.SaveInOneStatementAsync"/>).
    /// Either way the save is guarded by the version read, so a change made since the read makes this one a conflict.
    /// </summary>
    /// <param name="wasOpen">Whether the task was open before the change: only the change that closes it unblocks.</param>
    public async Task SaveAsync(TaskItem task, bool wasOpen, DateTimeOffset now, CancellationToken ct)
    {
        if (!wasOpen || task.IsOpen)
        {
            await db.SaveInOneStatementAsync(ct);
            return;
        }
        await using (var transaction = await db.BeginTransactionAsync(ct))
        {
            await NoteAsync(task, now, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        outbox.Notify();
    }

    /// <summary>
    /// Raises task_unblocked on the dependants <paramref name="blocker"/> was the last open blocker of. The lock on
    /// dependency changes makes blockers finished at once take turns, so the second sees the first committed: without it,
    /// each would find the other still open and neither dependant would hear.
    /// </summary>
    private async Task NoteAsync(TaskItem blocker, DateTimeOffset now, CancellationToken ct)
    {
        // Most finished tasks block nothing: they skip the lock, so finishing work does not queue behind dependency changes.
        // A link added meanwhile to this blocker cannot need the event: it waits for a task that is finishing anyway.
        if (!await db.TaskDependencies.AnyAsync(d => d.BlockedById == blocker.Id, ct))
            return;
        await queue.LockDependenciesAsync(ct);
        var dependants = await db.Tasks
            .Include(t => t.Assignee)
            .Include(t => t.Repository)
            .Where(t => t.DeletedAt == null && t.Status != TaskItemStatus.Completed && t.Status != TaskItemStatus.Cancelled
                && db.TaskDependencies.Any(d => d.TaskId == t.Id && d.BlockedById == blocker.Id)
                && !db.TaskDependencies.Any(d => d.TaskId == t.Id && d.BlockedById != blocker.Id
                    && db.Tasks.Any(b => b.Id == d.BlockedById && b.DeletedAt == null
                        && b.Status != TaskItemStatus.Completed && b.Status != TaskItemStatus.Cancelled)))
            .ToListAsync(ct);
        foreach (var dependant in dependants)
            dependant.NoteUnblocked(now);
    }
}
