using System.Globalization;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Queries.GetOpenDependencies;

/// <summary>
/// Keyset pagination over the dependency table's primary key (task, blocker), so each page is an index range scan
/// however many links exist. A link whose blocker finishes during a walk simply drops out of later pages.
/// </summary>
public sealed class GetOpenDependenciesHandler(IApplicationDbContext db, ICurrentActor caller) : IQueryHandler<GetOpenDependenciesQuery, Page<DependencyLinkDto>>
{
    public async ValueTask<Page<DependencyLinkDto>> Handle(GetOpenDependenciesQuery query, CancellationToken cancellationToken)
    {
        var cursor = Cursor.Decode(query.Cursor, GetOpenDependenciesQuery.Order, key => Guid.TryParseExact(key, "N", out _));
        var limit = query.Limit ?? Paging.DefaultLimit;

        var links = db.TaskDependencies.AsNoTracking();
        if (cursor is not null)
        {
            var afterTask = Guid.ParseExact(cursor.Key, "N");
            var afterBlocker = cursor.Id;
            // The redundant ">=" lets PostgreSQL start the primary-key scan at the cursor instead of filtering from the top.
            links = links.Where(d => d.TaskId >= afterTask && (d.TaskId > afterTask || d.BlockedById > afterBlocker));
        }
        // A link is listed only when the caller may see both of its tasks.
        var visible = db.Tasks.VisibleTo(caller);
        var page = await links
            .Join(visible.Where(t => t.DeletedAt == null), d => d.TaskId, t => t.Id, (d, t) => new { Link = d, Task = t })
            .Join(visible.Where(b => b.DeletedAt == null && b.Status != TaskItemStatus.Completed && b.Status != TaskItemStatus.Cancelled),
                x => x.Link.BlockedById, b => b.Id, (x, b) => new { x.Link, x.Task, Blocker = b })
            .OrderBy(x => x.Link.TaskId).ThenBy(x => x.Link.BlockedById)
            .Take(limit + 1)
            .Select(x => new DependencyLinkDto(
                new TaskLinkDto(x.Task.Id, x.Task.Title, TaskEnums.Status.ToWire(x.Task.Status)),
                new TaskLinkDto(x.Blocker.Id, x.Blocker.Title, TaskEnums.Status.ToWire(x.Blocker.Status))))
            .ToListAsync(cancellationToken);

        var items = page.Take(limit).ToList();
        if (page.Count <= limit)
            return new Page<DependencyLinkDto>(items, null);
        var last = items[^1];
        return new Page<DependencyLinkDto>(items,
            new Cursor(GetOpenDependenciesQuery.Order, last.Task.Id.ToString("N", CultureInfo.InvariantCulture), last.BlockedBy.Id).Encode());
    }
}
