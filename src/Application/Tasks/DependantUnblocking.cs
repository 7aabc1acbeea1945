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
public sealed class DependantUnblocking(IApplicationDbContext db, ITaskQueue queue)
{
    /// <summary>Whether the change to <paramref name="blocker"/> closed it, the one change that can unblock another task.</summary>
    public static bool MayUnblock(TaskItem blocker, bool wasOpen) => wasOpen && !blocker.IsOpen;

    /// <summary>
    /// Call inside <see cref="IApplicationDbContext.BeginTransactionAsync"/> after changing <paramref name="blocker"/> and
    /// before saving. The lock on dependency changes makes blockers finished at once take turns, so the second sees the
    /// first committed: without it, each would find the other still open and neither dependant would hear.
    /// </summary>
    /// <param name="wasOpen">Whether the blocker was open before the change: only the change that closes it unblocks.</param>
    public async Task NoteAsync(TaskItem blocker, bool wasOpen, DateTimeOffset now, CancellationToken ct)
    {
        if (!MayUnblock(blocker, wasOpen))
            return;
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
