using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks;

/// <summary>
/// What an API key limited to some repositories may reach: the tasks of those repositories, and nothing else. Every
/// read of tasks starts from <see cref="VisibleTo"/> and every change loads its task through <see cref="TaskLoader"/>,
/// which applies it, so a task outside the key's repositories answers not_found exactly as a missing one does: the key
/// learns nothing of its existence. A task in no repository belongs to none of them and is hidden too. People and
/// unrestricted keys (<see cref="ICurrentActor.RepositoryIds"/> null) see every task, with no extra condition in SQL.
/// </summary>
public static class TaskAccess
{
    /// <summary>
    /// Whether <see cref="VisibleTo"/> leaves every task in view, adding no condition: the reads compiled once for that
    /// case (the list's newest-first page, the read before a change) ask this before taking their compiled path.
    /// </summary>
    public static bool SeesEveryTask(this ICurrentActor caller) => caller.RepositoryIds is null;

    public static IQueryable<TaskItem> VisibleTo(this IQueryable<TaskItem> tasks, ICurrentActor caller) =>
        caller.RepositoryIds is { } allowed
            ? tasks.Where(t => t.RepositoryId != null && allowed.Contains(t.RepositoryId.Value))
            : tasks;

    /// <summary>
    /// Refuses to put a task where the caller could not see it: into another repository, or into none. Forbidden rather
    /// than not_found, because the caller named the place itself and needs to know which ones it may use.
    /// </summary>
    public static async Task EnsureMayPlaceInAsync(this IApplicationDbContext db, ICurrentActor caller, CodeRepository? repository, CancellationToken ct)
    {
        if (caller.RepositoryIds is not { } allowed || (repository is not null && allowed.Contains(repository.Id)))
            return;
        var allowedNames = await db.Repositories.AsNoTracking().Where(r => allowed.Contains(r.Id)).OrderBy(r => r.Name).Select(r => r.Name)
            .ToListAsync(ct);
        throw new ForbiddenException(
            $"This API key is limited to the repositories {string.Join(", ", allowedNames.Select(n => $"'{n}'"))}; "
            + $"it cannot put a task in {(repository is null ? "no repository" : $"repository '{repository.Name}'")}. "
            + "Name one of those repositories, or use a key (or sign-in) that reaches the other.");
    }
}
