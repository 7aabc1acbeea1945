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
    /// Saves new rows in one round trip instead of three (BEGIN with the inserts, then COMMIT): the inserts go as one
    /// batch outside a transaction, which PostgreSQL runs as one implicit transaction, so a failing insert (a duplicate
    /// key) still rolls back every other. For changes that only add rows: an UPDATE that matches no row is no error to
    /// PostgreSQL and would not undo the rest, so anything modified or deleted is refused.
    /// </summary>
    Task<int> SaveNewRowsAsync(CancellationToken cancellationToken);

    /// <summary>For the use cases that must hold row locks (taken through <see cref="ITaskQueue"/>) until their change is saved.</summary>
    Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken);

    /// <summary>A transaction whose statements all read one snapshot, for a read made of several queries that must agree.</summary>
    Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken);

    /// <summary>Where a sync reader stands in the current snapshot (call inside <see cref="BeginSnapshotAsync"/>).</summary>
    Task<SyncBounds> ReadSyncBoundsAsync(CancellationToken cancellationToken);
}
