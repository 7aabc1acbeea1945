namespace TaskManager.Application.Tasks.Queries.ResolveEventFilter;

/// <summary>
/// Which events a live-update subscriber wants: those of one user and of some repositories (canonical names), and of
/// those only what its credential may see (<see cref="Visibility"/>).
/// </summary>
public sealed record EventFilter(Guid UserId, IReadOnlyList<string> Repositories, EventVisibility Visibility);
