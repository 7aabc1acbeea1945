using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Tasks;

public static class TaskLoader
{
    /// <summary>
    /// Loads a live task for a change, with what its DTO needs; a missing or deleted task is not_found, and so is one the
    /// caller may not see (<see cref="TaskAccess"/>): this is the one door every change to a task goes through.
    /// </summary>
    public static async Task<TaskItem> LoadForChangeAsync(this IApplicationDbContext db, Guid id, ICurrentActor caller, CancellationToken ct) =>
        await (caller.SeesEveryTask()
            ? ForChange((DbContext)db, id, ct)
            : db.Tasks.VisibleTo(caller).Include(t => t.Assignee).Include(t => t.Repository)
                .FirstOrDefaultAsync(t => t.Id == id && t.DeletedAt == null, ct))
        ?? throw NotFoundException.Task(id);

    /// <summary>
    /// The read before a change by anyone who sees every task (<see cref="TaskAccess.SeesEveryTask"/>: people, unrestricted
    /// keys), compiled once: composed per call, EF Core's parameter extraction and query-cache lookup were about a sixth
    /// of this read's server CPU at saturation (perf, docs/benchmarks.md). A key limited to repositories reads through
    /// the composed query above, so the access rule itself stays in <see cref="TaskAccess.VisibleTo"/>. Tracked whatever
    /// the context's default: the change is saved from what this loads.
    /// </summary>
    private static readonly Func<DbContext, Guid, CancellationToken, Task<TaskItem?>> ForChange = EF.CompileAsyncQuery(
        (DbContext db, Guid id, CancellationToken ct) => db.Set<TaskItem>()
            .AsTracking()
            .Include(t => t.Assignee)
            .Include(t => t.Repository)
            .FirstOrDefault(t => t.Id == id && t.DeletedAt == null));

    /// <summary>Loads a live task with its blocker links, for a change to its dependencies.</summary>
    public static async Task<TaskItem> LoadWithBlockersForChangeAsync(this IApplicationDbContext db, Guid id, ICurrentActor caller, CancellationToken ct) =>
        await db.Tasks.VisibleTo(caller)
            .Include(t => t.Assignee)
            .Include(t => t.Repository)
            .Include(t => t.BlockedBy)
            .FirstOrDefaultAsync(t => t.Id == id && t.DeletedAt == null, ct)
        ?? throw NotFoundException.Task(id);

    /// <summary>
    /// The task named as <c>blocked_by</c>, deleted or not: adding a deleted one is refused by the rule that says why, and a
    /// link to one must still be removable.
    /// </summary>
    public static async Task<TaskItem> LoadBlockerAsync(this IApplicationDbContext db, Guid id, ICurrentActor caller, CancellationToken ct) =>
        await db.Tasks.VisibleTo(caller).FirstOrDefaultAsync(t => t.Id == id, ct) ?? throw NotFoundException.Task(id, "blocked_by");

    /// <summary>The tasks of <paramref name="ids"/>, tracked, in the order given.</summary>
    public static async Task<List<TaskItem>> LoadInOrderAsync(this IApplicationDbContext db, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
            return [];
        var byId = await db.Tasks.Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return [.. ids.Select(id => byId[id])];
    }

    public static async Task<TaskDependenciesDto> LoadDependenciesAsync(this IApplicationDbContext db, TaskItem task, ICurrentActor caller,
        CancellationToken ct)
    {
        var (blockedBy, blocks) = await db.LoadLinksAsync(task.Id, caller, ct);
        return new TaskDependenciesDto(task.Id, task.Title, task.Version, blockedBy, blocks);
    }

    /// <summary>The open blockers of a task (see <see cref="TaskItem.IsOpen"/>), tracked, for a claim to check.</summary>
    public static async Task<List<TaskItem>> LoadOpenBlockersAsync(this IApplicationDbContext db, Guid id, CancellationToken ct) =>
        await db.Tasks
            .Where(b => db.TaskDependencies.Any(d => d.TaskId == id && d.BlockedById == b.Id)
                && b.DeletedAt == null && b.Status != TaskItemStatus.Completed && b.Status != TaskItemStatus.Cancelled)
            .ToListAsync(ct);

    /// <summary>
    /// What <paramref name="id"/> waits for and what waits for it, oldest link first; deleted tasks block nothing and are
    /// left out, and so are tasks the caller may not see.
    /// </summary>
    public static async Task<(List<TaskLinkDto> BlockedBy, List<TaskLinkDto> Blocks)> LoadLinksAsync(this IApplicationDbContext db, Guid id,
        ICurrentActor caller, CancellationToken ct)
    {
        var visible = db.Tasks.VisibleTo(caller).Where(t => t.DeletedAt == null);
        var blockedBy = await db.TaskDependencies.AsNoTracking()
            .Where(d => d.TaskId == id)
            .Join(visible, d => d.BlockedById, t => t.Id, (d, t) => new { d.CreatedAt, t.Id, t.Title, t.Status })
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .ToListAsync(ct);
        var blocks = await db.TaskDependencies.AsNoTracking()
            .Where(d => d.BlockedById == id)
            .Join(visible, d => d.TaskId, t => t.Id, (d, t) => new { d.CreatedAt, t.Id, t.Title, t.Status })
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .ToListAsync(ct);
        return ([.. blockedBy.Select(l => new TaskLinkDto(l.Id, l.Title, TaskEnums.Status.ToWire(l.Status)))],
            [.. blocks.Select(l => new TaskLinkDto(l.Id, l.Title, TaskEnums.Status.ToWire(l.Status)))]);
    }

    /// <summary>The signed-in caller as a user, for changes that assign to them.</summary>
    public static async Task<User> LoadCallerAsync(this IApplicationDbContext db, ICurrentActor caller, CancellationToken ct) =>
        await db.Users.FindAsync([caller.UserId], ct) ?? throw NotFoundException.User(caller.Email);
}
