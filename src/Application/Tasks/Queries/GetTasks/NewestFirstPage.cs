using Microsoft.EntityFrameworkCore;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Queries.GetTasks;

/// <summary>
/// The list's hot path, newest first without text search (every REST list and <c>get_tasks</c> call of an agent), as
/// one compiled query. Built per request, the same LINQ cost more server CPU than the SQL's round trip: the expression
/// tree, EF Core's parameter extraction and its query-cache key were ~15% of a list request's CPU (perf, docs/benchmarks.md).
/// Every filter is a parameter and null means "any": EF Core renders a separate statement for each combination of null
/// parameters and drops the conditions of the null ones, so PostgreSQL sees the same SQL as the composed query's.
/// </summary>
/// <remarks>
/// A filter added to <see cref="GetTasksHandler"/> must be added here too; the functional tests run every filter through
/// this path, and text search (whose pattern must reach the planner as a literal) through the composed one.
/// </remarks>
public static class NewestFirstPage
{
    private static readonly Func<DbContext, Guid?, Guid?, TaskItemStatus?, TaskItemStatus[]?, TaskPriority?, TaskPriority[]?,
        DateTimeOffset?, DateTimeOffset?, Guid, int, IAsyncEnumerable<TaskDto>> Query = EF.CompileAsyncQuery(
        (DbContext db, Guid? assignee, Guid? repository, TaskItemStatus? status, TaskItemStatus[]? statuses, TaskPriority? priority,
            TaskPriority[]? priorities, DateTimeOffset? updatedSince, DateTimeOffset? before, Guid beforeId, int take) =>
            db.Set<TaskItem>().AsNoTracking()
                .Where(t => t.DeletedAt == null
                    && (assignee == null || t.AssigneeId == assignee)
                    && (repository == null || t.RepositoryId == repository)
                    && (status == null || t.Status == status)
                    && (statuses == null || statuses.Contains(t.Status))
                    && (priority == null || t.Priority == priority)
                    && (priorities == null || priorities.Contains(t.Priority))
                    && (updatedSince == null || t.UpdatedAt >= updatedSince)
                    // The redundant "<= before" lets PostgreSQL start the index scan at the cursor instead of filtering from the top.
                    && (before == null || (t.CreatedAt <= before && (t.CreatedAt < before || t.Id < beforeId))))
                .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
                .Take(take)
                .Select(TaskDtoProjection.Expression));

    /// <summary>Up to <paramref name="take"/> live tasks matching every given filter, newest first, after the cursor position if any.</summary>
    public static async Task<List<TaskDto>> ReadAsync(DbContext db, TaskListFilter filter, (DateTimeOffset At, Guid Id)? after, int take,
        CancellationToken ct)
    {
        var rows = new List<TaskDto>(take);
        await foreach (var row in Query(db, filter.Assignee, filter.Repository, filter.Statuses is [var status] ? status : null,
            filter.Statuses is { Length: > 1 } statuses ? statuses : null, filter.Priorities is [var priority] ? priority : null,
            filter.Priorities is { Length: > 1 } priorities ? priorities : null, filter.UpdatedSince, after?.At, after?.Id ?? Guid.Empty, take)
            .WithCancellation(ct))
            rows.Add(row);
        return rows;
    }
}
