using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks;

/// <summary>
/// <see cref="TaskAccess"/> for live updates: a listener whose key is limited to some repositories hears only of tasks
/// that are in one of them when the event is published. Events name their task's repository, so the key's repository
/// ids are turned into names once, when the listener starts (repositories are never renamed or removed). A task moved
/// out of the key's repositories is not announced to it, as it would then show where the task went.
/// </summary>
public sealed class EventVisibility
{
    /// <summary>People, unrestricted keys and the server's own work: every event their streams receive.</summary>
    public static readonly EventVisibility Everything = new(null);

    private readonly HashSet<string>? _repositories;

    private EventVisibility(HashSet<string>? repositories) => _repositories = repositories;

    public static async Task<EventVisibility> ForAsync(IApplicationDbContext db, ICurrentActor caller, CancellationToken ct) =>
        caller.RepositoryIds is not { } allowed
            ? Everything
            : new EventVisibility(new HashSet<string>(
                await db.Repositories.AsNoTracking().Where(r => allowed.Contains(r.Id)).Select(r => r.Name).ToListAsync(ct), StringComparer.Ordinal));

    public bool Admits(PublishedTaskEvent published) =>
        _repositories is null || (published.Repository is not null && _repositories.Contains(published.Repository));
}
