using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

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
}
