using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.GetTaskChanges;

/// <summary>
/// Walks tasks by (change_seq, id) from the token, stopping at the read horizon so that no change still committing can
/// later appear behind a position already handed out. Deleted tasks come back as tombstones until the purge removes them;
/// a token from before the last purged tombstone is refused (resync_required) rather than answered with a silent gap.
/// </summary>
public sealed class GetTaskChangesHandler(IApplicationDbContext db, ICurrentActor caller) : IQueryHandler<GetTaskChangesQuery, TaskChangePage>
{
    public async ValueTask<TaskChangePage> Handle(GetTaskChangesQuery query, CancellationToken cancellationToken)
    {
        var from = SyncToken.Decode(query.SinceChange, GetTaskChangesQuery.Field);
        var limit = query.Limit ?? Paging.DefaultLimit;

        // The bounds and the rows share one snapshot: the horizon describes exactly the rows read, and a purge that
        // commits meanwhile cannot remove a tombstone between the floor check and the read.
        await using var snapshot = await db.BeginSnapshotAsync(cancellationToken);
        var bounds = await db.ReadSyncBoundsAsync(cancellationToken);
        if (!from.IsStart && from.ChangeSeq <= bounds.PurgedThrough)
            throw new ResyncRequiredException(GetTaskChangesQuery.Field);

        var (seq, id, horizon) = (from.ChangeSeq, from.Id, bounds.Horizon);
        var rows = await db.Tasks.AsNoTracking().VisibleTo(caller)
            .Where(t => t.ChangeSeq < horizon && t.ChangeSeq >= seq && (t.ChangeSeq > seq || t.Id > id))
            .OrderBy(t => t.ChangeSeq).ThenBy(t => t.Id)
            .Take(limit + 1)
            .Select(TaskDtoProjection.InCommitOrder)
            .ToListAsync(cancellationToken);
        var hasMore = rows.Count > limit;
        if (hasMore)
            rows.RemoveAt(limit);
        var items = rows
            .Select(r => r.Deleted ? TaskChangeDto.Tombstone(r.Task.Id, r.ChangeSeq) : TaskChangeDto.Changed(r.Task, r.ChangeSeq))
            .ToList();

        // Caught up: everything below the horizon has been handed out, so the next call starts there (not at the last
        // row), which also keeps an idle client's token ahead of the purge.
        var next = hasMore ? new SyncToken(rows[^1].ChangeSeq, rows[^1].Task.Id) : SyncToken.Below(horizon);
        return new TaskChangePage(items, next.Encode(), hasMore);
    }
}
