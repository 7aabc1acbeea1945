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
/// Keyset pagination over one of two orders, each backed by composite indexes ending in its sort columns:
/// newest first (<c>created_at desc, id desc</c>, which never changes, so a walk neither skips nor repeats) and
/// <c>updated_at asc, id</c> (a task changed during a walk moves behind the cursor and is seen again, never skipped).
/// </summary>
public sealed class GetTasksHandler(IApplicationDbContext db, UserResolver users, RepositoryResolver repositories)
    : IQueryHandler<GetTasksQuery, Page<TaskDto>>
{
    public async ValueTask<Page<TaskDto>> Handle(GetTasksQuery query, CancellationToken cancellationToken)
    {
        var order = query.Sort ?? GetTasksQuery.ByCreated;
        var cursor = Cursor.Decode(query.Cursor, order, Cursor.IsTicks);
        var limit = query.Limit ?? Paging.DefaultLimit;

        var tasks = db.Tasks.AsNoTracking().Where(t => t.DeletedAt == null);
        // A UUID (or "me") filter is checked against the directory only when the page comes back empty: a page with
        // the user's tasks proves the user exists (tasks.assignee_id is a foreign key), so the common case costs one
        // round trip instead of two (docs/benchmarks.md).
        var assigneeToCheck = (string?)null;
        if (query.Assignee is not null)
        {
            if (users.TryGetUncheckedId(query.Assignee, out var uncheckedId))
                assigneeToCheck = query.Assignee;
            var assigneeId = assigneeToCheck is not null ? uncheckedId : await users.ResolveIdAsync(query.Assignee, cancellationToken);
            tasks = tasks.Where(t => t.AssigneeId == assigneeId);
        }
        if (query.Repository is not null)
        {
            var repositoryId = await repositories.ResolveIdAsync(query.Repository, cancellationToken);
            tasks = tasks.Where(t => t.RepositoryId == repositoryId);
        }
        if (query.Status is not null)
        {
            var statuses = ValidationRules.SplitList(query.Status).Select(WireEnums.Status.Parse).Distinct().ToArray();
            tasks = statuses.Length == 1 ? tasks.Where(t => t.Status == statuses[0]) : tasks.Where(t => statuses.Contains(t.Status));
        }
        if (query.Priority is not null)
        {
            var priorities = ValidationRules.SplitList(query.Priority).Select(WireEnums.Priority.Parse).Distinct().ToArray();
            tasks = priorities.Length == 1 ? tasks.Where(t => t.Priority == priorities[0]) : tasks.Where(t => priorities.Contains(t.Priority));
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim().ToLower();
            tasks = tasks.Where(t => t.Title.ToLower().Contains(text) || (t.Description != null && t.Description.ToLower().Contains(text)));
        }
        if (query.UpdatedSince is { } since)
            tasks = tasks.Where(t => t.UpdatedAt >= since);

        tasks = order == GetTasksQuery.ByUpdated ? AfterByUpdated(tasks, cursor) : AfterByCreated(tasks, cursor);
        var page = await tasks.Take(limit + 1).Select(TaskDtoProjection.Expression).ToListAsync(cancellationToken);
        if (page.Count == 0 && assigneeToCheck is not null)
            await users.ResolveIdAsync(assigneeToCheck, cancellationToken); // not_found for an unknown user, as before
        if (page.Count <= limit)
            return new Page<TaskDto>(page, null);

        page.RemoveAt(limit);
        var last = page[^1];
        var next = Cursor.For(order, order == GetTasksQuery.ByUpdated ? last.UpdatedAt : last.CreatedAt, last.Id);
        return new Page<TaskDto>(page, next.Encode());
    }

    private static IQueryable<TaskItem> AfterByCreated(IQueryable<TaskItem> tasks, Cursor? cursor)
    {
        if (cursor is not null)
        {
            var at = cursor.KeyAsTime();
            var id = cursor.Id;
            // The redundant "<= at" lets PostgreSQL start the index scan at the cursor instead of filtering from the top.
            tasks = tasks.Where(t => t.CreatedAt <= at && (t.CreatedAt < at || t.Id < id));
        }
        return tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);
    }

    private static IQueryable<TaskItem> AfterByUpdated(IQueryable<TaskItem> tasks, Cursor? cursor)
    {
        if (cursor is not null)
        {
            var at = cursor.KeyAsTime();
            var id = cursor.Id;
            tasks = tasks.Where(t => t.UpdatedAt >= at && (t.UpdatedAt > at || t.Id > id));
        }
        return tasks.OrderBy(t => t.UpdatedAt).ThenBy(t => t.Id);
    }
}
