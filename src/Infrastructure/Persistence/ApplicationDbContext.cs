using System.Data;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Idempotency;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.ApiKeys;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;
using TaskManager.Infrastructure.Persistence.Interceptors;

namespace TaskManager.Infrastructure.Persistence;

public sealed class ApplicationDbContext : DbContext, IApplicationDbContext
{
    private DomainEventsToOutboxInterceptor? _outboxInterceptor;

    public ApplicationDbContext(DbContextOptions<ApplicationDbContext> options)
        : base(options)
    {
        // Inside a handler's transaction EF would wrap every save in SAVEPOINT / RELEASE SAVEPOINT: two more statements
        // per write, there only to let a caller carry on after a failed save. No handler does: a failed save ends the
        // request and the transaction rolls back whole. (The pool restores this value for every lease.)
        Database.AutoSavepointsEnabled = false;
    }

    public DbSet<User> Users => Set<User>();

    public DbSet<CodeRepository> Repositories => Set<CodeRepository>();

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<TaskComment> TaskComments => Set<TaskComment>();

    public DbSet<TaskHistoryEntry> TaskHistory => Set<TaskHistoryEntry>();

    public DbSet<TaskDependency> TaskDependencies => Set<TaskDependency>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Saves, translating the driver's constraint errors into the application's exceptions.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw ConcurrentUpdate(ex);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            throw new DuplicateKeyException(pg.ConstraintName ?? "unknown", ex);
        }
    }

    public async Task SaveInOneStatementAsync(CancellationToken cancellationToken)
    {
        if (Database.CurrentTransaction is not null)
            throw new InvalidOperationException("SaveInOneStatementAsync is for a change made outside a transaction; inside one, use SaveChangesAsync.");
        var outbox = OutboxInterceptor;
        outbox.AddOutboxMessages(this);
        // Changes are detected once, here: listing the entries and accepting them would each detect them again.
        ChangeTracker.DetectChanges();
        using (new ChangeDetectionPause(ChangeTracker))
        {
            using var command = SingleStatementChange.Build([.. ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged)],
                this.GetService<ISqlGenerationHelper>());
            if (command is null)
                return;
            await ExecuteAsync(command, cancellationToken);
            ChangeTracker.AcceptAllChanges();
        }
        outbox.Saved();
    }

    /// <summary>The interceptor SaveChanges runs, for the save that bypasses SaveChanges; a pooled context keeps its options.</summary>
    private DomainEventsToOutboxInterceptor OutboxInterceptor => _outboxInterceptor ??=
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.Interceptors!.OfType<DomainEventsToOutboxInterceptor>().Single();

    private async Task ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await Database.OpenConnectionAsync(cancellationToken);
        try
        {
            command.Connection = (NpgsqlConnection)Database.GetDbConnection();
            if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
                throw ConcurrentUpdate(null);
        }
        catch (PostgresException pg) when (pg.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DuplicateKeyException(pg.ConstraintName ?? "unknown", pg);
        }
        finally
        {
            await Database.CloseConnectionAsync();
        }
    }

    private static ConflictException ConcurrentUpdate(Exception? inner) =>
        new("The task was changed by someone else at the same moment; fetch it again and retry.",
            new Dictionary<string, object?> { ["reason"] = "concurrent_update" }, inner);

    public Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(cancellationToken);

    public Task<IDbContextTransaction> BeginSnapshotAsync(CancellationToken cancellationToken) =>
        Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

    public Task<SyncBounds> ReadSyncBoundsAsync(CancellationToken cancellationToken) =>
        Database.SqlQueryRaw<SyncBounds>($"SELECT {HorizonSql} AS horizon, COALESCE((SELECT purged_through FROM sync_floor), 0) AS purged_through")
            .SingleAsync(cancellationToken);

    /// <summary>
    /// The oldest transaction id still running, as of the statement's snapshot (or the next id when none runs); change_seq
    /// holds the same numbers (migration CommitOrderedSync).
    /// </summary>
    private const string HorizonSql = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        // Trigram indexes serve the task search (LIKE '%…%'); pg_trgm is a trusted extension, so the database's
        // owner creates it without superuser rights (the indexes themselves are in migration TaskSearchTrigramIndexes).
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);
        modelBuilder.HasDbFunction(typeof(CommitOrder).GetMethod(nameof(CommitOrder.Horizon))!)
            .HasTranslation(_ => new SqlFragmentExpression(HorizonSql));
    }
}
