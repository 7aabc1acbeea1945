using TaskManager.Application.Common.Pagination;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Queries.GetTasks;

/// <summary>
/// The list's default order, newest first, and a position in it: one definition for the composed reads (the plain
/// list of a key limited to repositories, and every step of <see cref="TextSearchPage"/>). The compiled
/// <see cref="NewestFirstPage"/> restates it with parameters.
/// </summary>
public static class NewestFirstOrder
{
    public static IQueryable<TaskItem> Sorted(IQueryable<TaskItem> tasks) =>
        tasks.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id);

    /// <summary>The tasks after the position (<paramref name="at"/>, <paramref name="id"/>) in this order.</summary>
    /// <remarks>The redundant "&lt;= at" lets PostgreSQL start the index scan at the position instead of filtering from the top.</remarks>
    public static IQueryable<TaskItem> After(IQueryable<TaskItem> tasks, DateTimeOffset at, Guid id) =>
        tasks.Where(t => t.CreatedAt <= at && (t.CreatedAt < at || t.Id < id));

    /// <summary>The tasks after a newest-first cursor; all of them without one.</summary>
    public static IQueryable<TaskItem> After(IQueryable<TaskItem> tasks, Cursor? cursor) =>
        cursor is null ? tasks : After(tasks, cursor.KeyAsTime(), cursor.Id);

    /// <summary>The cursor that goes on after the position (<paramref name="at"/>, <paramref name="id"/>).</summary>
    public static string CursorAt(DateTimeOffset at, Guid id) => Cursor.For(GetTasksQuery.ByCreated, at, id).Encode();

    /// <summary>
    /// A page of <paramref name="rows"/> read newest first, up to <paramref name="limit"/> of them: rows past the limit
    /// only say there is more, and the cursor then goes on after the last row kept.
    /// </summary>
    public static Page<TaskDto> PageOf(List<TaskDto> rows, int limit)
    {
        if (rows.Count <= limit)
            return new Page<TaskDto>(rows, null);
        rows.RemoveRange(limit, rows.Count - limit);
        return new Page<TaskDto>(rows, CursorAt(rows[^1].CreatedAt, rows[^1].Id));
    }
}
