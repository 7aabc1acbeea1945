using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Idempotency;
using TaskManager.Domain.ApiKeys;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>The persistence port of the use cases. Saving also writes history and outbox rows in the same transaction.</summary>
public interface IApplicationDbContext
{
    DbSet<User> Users { get; }

    DbSet<CodeRepository> Repositories { get; }

    DbSet<TaskItem> Tasks { get; }

    DbSet<TaskComment> TaskComments { get; }

    DbSet<TaskHistoryEntry> TaskHistory { get; }

    DbSet<TaskDependency> TaskDependencies { get; }

    DbSet<ApiKey> ApiKeys { get; }

    DbSet<OutboxMessage> OutboxMessages { get; }

    DbSet<IdempotencyRecord> IdempotencyRecords { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Saves a change made outside a transaction as one statement, in one round trip instead of three (BEGIN with the
    /// rows, then COMMIT): PostgreSQL runs it as its own transaction. The one modified row (at most one) is updated only
    /// if its concurrency token still matches, and the added rows are inserted only if it was, so a change that lost a
    /// race writes nothing and fails as a conflict; a failing insert (a duplicate key) rolls back every other row.
    /// Deleted rows and more than one modified row are refused: use <see cref="SaveChangesAsync"/> in a transaction.
    /// </summary>
    Task SaveInOneStatementAsync(CancellationToken cancellationToken);

    /// <summary>For the use cases that must hold row locks (taken through <see cref="ITaskQueue"/>) until their change is saved.</summary>
    Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>A transaction whose statements all read one snapshot, for a read made of several queries that must agree.</summary>
    Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Where a sync reader stands in the current snapshot (call inside <see cref="BeginSnapshotAsync"/>).</summary>
    Task<SyncBounds> ReadSyncBoundsAsync(CancellationToken cancellationToken);
}
