using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Queries.GetTasks;

/// <summary>
/// Keyset pagination over one of two orders, each backed by a composite index ending in its sort columns: newest first
/// (<c>created_at desc, id desc</c>, which never changes, so a walk neither skips nor repeats) and, for
/// <c>sort=updated_at</c>, commit order (<c>change_seq, id</c>, below the read horizon): a task changed during a walk moves
/// behind the cursor and is seen again, and a change committed late or stamped by a slow clock is never skipped
/// (docs/adr/0005-commit-ordered-sync.md).
/// </summary>
public sealed class GetTasksHandler(IApplicationDbContext db, ICurrentActor caller, UserResolver users, RepositoryResolver repositories)
    : IQueryHandler<GetTasksQuery, Page<TaskDto>>
{
    public async ValueTask<Page<TaskDto>> Handle(GetTasksQuery query, CancellationToken cancellationToken)
    {
        var order = query.Sort ?? GetTasksQuery.ByCreated;
        var cursor = Cursor.Decode(query.Cursor, order, order == GetTasksQuery.ByUpdated ? Cursor.IsChangeSeq : Cursor.IsTicks);
        var limit = query.Limit ?? Paging.DefaultLimit;

        // A UUID (or "me") filter is checked against the directory only when the page comes back empty: a page with
        // the user's tasks proves the user exists (tasks.assignee_id is a foreign key), so the common case costs one
        // round trip instead of two (docs/benchmarks.md).
        var assigneeToCheck = (string?)null;
        var assigneeId = (Guid?)null;
        if (query.Assignee is not null)
        {
            if (users.TryGetUncheckedId(query.Assignee, out var uncheckedId))
                assigneeToCheck = query.Assignee;
            assigneeId = assigneeToCheck is not null ? uncheckedId : await users.ResolveIdAsync(query.Assignee, cancellationToken);
        }
        var filter = new TaskListFilter(
            assigneeId,
            query.Repository is null ? null : await repositories.ResolveIdAsync(query.Repository, cancellationToken),
            query.Status is null ? null : [.. ValidationRules.SplitList(query.Status).Select(WireEnums.Status.Parse).Distinct()],
            query.Priority is null ? null : [.. ValidationRules.SplitList(query.Priority).Select(WireEnums.Priority.Parse).Distinct()],
            query.UpdatedSince);

        var page = order == GetTasksQuery.ByUpdated
            ? await PageByUpdatedAsync(Filtered(filter, query.Search), cursor, limit, cancellationToken)
            : await PageByCreatedAsync(filter, query.Search, cursor, limit, cancellationToken);
        if (page.Items.Count == 0 && assigneeToCheck is not null)
            await users.ResolveIdAsync(assigneeToCheck, cancellationToken); // not_found for an unknown user, as before
        return page;
    }

    /// <summary>
    /// Text search reads in bounded steps (<see cref="TextSearchPage"/>), and the list of a key limited to repositories
    /// is composed per request (rare, and kept out of the compiled statement every other list shares); the rest is compiled.
    /// </summary>
    private async Task<Page<TaskDto>> PageByCreatedAsync(TaskListFilter filter, string? search, Cursor? cursor, int limit, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(search))
            return await TextSearchPage.ReadAsync(db, Filtered(filter, null), search, cursor, limit, ct);
        var rows = caller.SeesEveryTask()
            ? await NewestFirstPage.ReadAsync((DbContext)db, filter, cursor is null ? null : (cursor.KeyAsTime(), cursor.Id), limit + 1, ct)
            : await NewestFirstOrder.Sorted(NewestFirstOrder.After(Filtered(filter, null), cursor)).Take(limit + 1).Select(TaskDtoProjection.Expression).ToListAsync(ct);
        return NewestFirstOrder.PageOf(rows, limit);
    }

    /// <remarks>The cursor needs each row's change_seq, read in the same statement as the row it positions.</remarks>
    private static async Task<Page<TaskDto>> PageByUpdatedAsync(IQueryable<TaskItem> tasks, Cursor? cursor, int limit, CancellationToken ct)
    {
        var rows = await AfterByUpdated(tasks, cursor).Take(limit + 1).Select(TaskDtoProjection.InCommitOrder).ToListAsync(ct);
        var items = rows.Take(limit).Select(r => r.Task).ToList();
        return rows.Count <= limit
            ? new Page<TaskDto>(items, null)
            : new Page<TaskDto>(items, Cursor.For(GetTasksQuery.ByUpdated, rows[limit - 1].ChangeSeq, rows[limit - 1].Task.Id).Encode());
    }

    /// <summary>The filters composed into a query, for the reads <see cref="NewestFirstPage"/> does not cover.</summary>
    private IQueryable<TaskItem> Filtered(TaskListFilter filter, string? search)
    {
        var tasks = db.Tasks.AsNoTracking().VisibleTo(caller).Where(t => t.DeletedAt == null);
        if (filter.Assignee is { } assignee)
            tasks = tasks.Where(t => t.AssigneeId == assignee);
        if (filter.Repository is { } repository)
            tasks = tasks.Where(t => t.RepositoryId == repository);
        if (filter.Statuses is { } statuses)
            tasks = statuses.Length == 1 ? tasks.Where(t => t.Status == statuses[0]) : tasks.Where(t => statuses.Contains(t.Status));
        if (filter.Priorities is { } priorities)
            tasks = priorities.Length == 1 ? tasks.Where(t => t.Priority == priorities[0]) : tasks.Where(t => priorities.Contains(t.Priority));
        if (!string.IsNullOrWhiteSpace(search))
            tasks = TextSearchPage.Matching(tasks, search);
        if (filter.UpdatedSince is { } since)
            tasks = tasks.Where(t => t.UpdatedAt >= since);
        return tasks;
    }

    private static IQueryable<TaskItem> AfterByUpdated(IQueryable<TaskItem> tasks, Cursor? cursor)
    {
        // Rows at or past the horizon may still have an uncommitted change ahead of them in commit order; they wait.
        tasks = tasks.Where(t => t.ChangeSeq < CommitOrder.Horizon());
        if (cursor is not null)
        {
            var seq = cursor.KeyAsChangeSeq();
            var id = cursor.Id;
            tasks = tasks.Where(t => t.ChangeSeq >= seq && (t.ChangeSeq > seq || t.Id > id));
        }
        return tasks.OrderBy(t => t.ChangeSeq).ThenBy(t => t.Id);
    }
}
