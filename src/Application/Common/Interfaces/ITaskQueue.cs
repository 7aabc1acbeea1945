namespace TaskManager.Application.Common.Interfaces;

/// <summary>
/// The ready-work queue, kept in the database so that every instance shares it. A task is ready when it is
/// not_started, live, unassigned or assigned to the caller, and none of its blockers is open; the most urgent comes
/// first, then the oldest. The locking methods take PostgreSQL row locks that skip rows other transactions hold, so
/// concurrent callers never get the same task; call them inside <see cref="IApplicationDbContext.BeginTransactionAsync"/>.
/// </summary>
public interface ITaskQueue
{
    /// <summary>Locks the first ready task no other transaction holds and returns its id, or null when there is none.</summary>
    Task<Guid?> LockNextReadyAsync(ReadyScope scope, CancellationToken cancellationToken);

    /// <summary>The first <paramref name="limit"/> ready tasks, in claim order.</summary>
    Task<IReadOnlyList<Guid>> ListReadyAsync(ReadyScope scope, int limit, CancellationToken cancellationToken);

    Task<NotReadyCounts> CountNotReadyAsync(ReadyScope scope, CancellationToken cancellationToken);

    /// <summary>Locks up to <paramref name="limit"/> tasks whose lease ran out before <paramref name="now"/> and no other transaction holds.</summary>
    Task<IReadOnlyList<Guid>> LockExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Serialises dependency changes for the rest of the transaction, so two links added at once cannot close a cycle
    /// that neither saw.
    /// </summary>
    Task LockDependenciesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The chain by which <paramref name="from"/> waits for <paramref name="to"/> through existing dependencies
    /// (<paramref name="from"/> first, <paramref name="to"/> last), or empty when it does not.
    /// </summary>
    Task<IReadOnlyList<Guid>> FindWaitChainAsync(Guid from, Guid to, CancellationToken cancellationToken);
}
