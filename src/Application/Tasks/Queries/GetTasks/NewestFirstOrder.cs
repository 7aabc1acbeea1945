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
}
