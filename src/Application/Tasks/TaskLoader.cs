using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Tasks;

public static class TaskLoader
{
    /// <summary>Loads a live task for a change, with what its DTO needs; a missing or deleted task is not_found.</summary>
    public static async Task<TaskItem> LoadForChangeAsync(this IApplicationDbContext db, Guid id, CancellationToken ct) =>
        await db.Tasks
            .Include(t => t.Assignee)
            .Include(t => t.Repository)
            .FirstOrDefaultAsync(t => t.Id == id && t.DeletedAt == null, ct)
        ?? throw NotFoundException.Task(id);

    /// <summary>The open blockers of a task (see <see cref="TaskItem.IsOpen"/>), tracked, for a claim to check.</summary>
    public static async Task<List<TaskItem>> LoadOpenBlockersAsync(this IApplicationDbContext db, Guid id, CancellationToken ct) =>
        await db.Tasks
            .Where(b => db.TaskDependencies.Any(d => d.TaskId == id && d.BlockedById == b.Id)
                && b.DeletedAt == null && b.Status != TaskItemStatus.Completed && b.Status != TaskItemStatus.Cancelled)
            .ToListAsync(ct);

    /// <summary>The signed-in caller as a user, for changes that assign to them.</summary>
    public static async Task<User> LoadCallerAsync(this IApplicationDbContext db, ICurrentActor caller, CancellationToken ct) =>
        await db.Users.FindAsync([caller.UserId], ct) ?? throw NotFoundException.User(caller.Email);
}
