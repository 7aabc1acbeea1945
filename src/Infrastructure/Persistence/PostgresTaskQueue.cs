using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

namespace TaskManager.Infrastructure.Persistence;

/// <summary>
/// <see cref="ITaskQueue"/> in SQL, on the context's connection and transaction. The readiness rule is written once
/// (<see cref="Ready"/>) and shared by the claim, the list and the counts, so what get_ready_tasks shows is what
/// claim_next_task takes.
/// </summary>
public sealed class PostgresTaskQueue(ApplicationDbContext db) : ITaskQueue
{
    /// <summary>The advisory-lock key of dependency changes ("taskdeps" in ASCII, as a number).</summary>
    private const long DependencyLockKey = 0x7461736b_64657073;

    private static readonly string NotStarted = Wire(TaskItemStatus.NotStarted);

    /// <summary>A blocker is open unless it is finished (completed or cancelled) or deleted; see <see cref="TaskItem.IsOpen"/>.</summary>
    private static readonly string OpenBlocker = $"""
        EXISTS (SELECT 1 FROM task_dependencies d JOIN tasks b ON b.id = d.blocked_by_id
                WHERE d.task_id = t.id AND b.deleted_at IS NULL
                  AND b.status NOT IN ('{Wire(TaskItemStatus.Completed)}', '{Wire(TaskItemStatus.Cancelled)}'))
        """;

    /// <summary>
    /// Live tasks in the scope's repository and priority, among the repositories the caller may reach (@repository,
    /// @priority and @allowed null: any).
    /// </summary>
    private const string InScope = """
        t.deleted_at IS NULL
          AND (@repository::uuid IS NULL OR t.repository_id = @repository)
          AND (@allowed::uuid[] IS NULL OR t.repository_id = ANY(@allowed))
          AND (@priority::text IS NULL OR t.priority = @priority)
        """;

    private static readonly string Ready = $"""
        {InScope}
          AND t.status = '{NotStarted}'
          AND (t.assignee_id IS NULL OR t.assignee_id = @caller)
          AND NOT {OpenBlocker}
        """;

    private static readonly string ClaimOrder = "CASE t.priority "
        + string.Concat(Enum.GetValues<TaskPriority>().OrderDescending().Select((p, rank) => $"WHEN '{TaskEnums.Priority.ToWire(p)}' THEN {rank} "))
        + "END, t.created_at, t.id";

    public async Task<Guid?> LockNextReadyAsync(ReadyScope scope, CancellationToken cancellationToken)
    {
        // SKIP LOCKED: a row another claimer is taking is passed over instead of waited for, and rows that stopped being
        // ready while we looked are re-checked against the WHERE clause before they are locked.
        var ids = await IdsAsync($"SELECT t.id FROM tasks t WHERE {Ready} ORDER BY {ClaimOrder} LIMIT 1 FOR UPDATE OF t SKIP LOCKED",
            ScopeParameters(scope), cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }

    public Task<IReadOnlyList<Guid>> ListReadyAsync(ReadyScope scope, int limit, CancellationToken cancellationToken) =>
        IdsAsync($"SELECT t.id FROM tasks t WHERE {Ready} ORDER BY {ClaimOrder} LIMIT @limit",
            [.. ScopeParameters(scope), new NpgsqlParameter("limit", limit)], cancellationToken);

    public async Task<NotReadyCounts> CountNotReadyAsync(ReadyScope scope, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT count(*) FILTER (WHERE t.status = '{NotStarted}' AND (t.assignee_id IS NULL OR t.assignee_id = @caller) AND {OpenBlocker}),
                   count(*) FILTER (WHERE t.status = '{NotStarted}' AND t.assignee_id <> @caller),
                   count(*) FILTER (WHERE t.lease_holder_id IS NOT NULL)
            FROM tasks t WHERE {InScope}
            """;
        var counts = await QueryAsync(sql, ScopeParameters(scope),
            reader => new NotReadyCounts((int)reader.GetInt64(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2)), cancellationToken);
        return counts[0];
    }

    public Task<IReadOnlyList<Guid>> LockExpiredLeasesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        // Instances sweeping at once split the expired leases between them; each is returned to the pool by one of them.
        IdsAsync("""
            SELECT t.id FROM tasks t
            WHERE t.lease_expires_at < @now AND t.deleted_at IS NULL
            ORDER BY t.lease_expires_at LIMIT @limit FOR UPDATE SKIP LOCKED
            """,
            [new NpgsqlParameter("now", now), new NpgsqlParameter("limit", limit)], cancellationToken);

    public Task LockDependenciesAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT pg_advisory_xact_lock(@key)", [new NpgsqlParameter("key", DependencyLockKey)], _ => 0, cancellationToken);

    public Task<IReadOnlyList<Guid>> FindWaitChainAsync(Guid from, Guid to, CancellationToken cancellationToken) =>
        // Walks the blockers of `from`, carrying the path; the path array also stops a walk from going round an existing
        // cycle (there should be none, but a walk must end whatever the data).
        IdsAsync("""
            WITH RECURSIVE walk(id, path) AS (
                SELECT d.blocked_by_id, ARRAY[d.task_id, d.blocked_by_id]
                FROM task_dependencies d WHERE d.task_id = @from
              UNION ALL
                SELECT d.blocked_by_id, w.path || d.blocked_by_id
                FROM walk w JOIN task_dependencies d ON d.task_id = w.id
                WHERE w.id <> @to AND d.blocked_by_id <> ALL(w.path)
            )
            SELECT unnest(path) FROM (SELECT path FROM walk WHERE id = @to ORDER BY array_length(path, 1) LIMIT 1) shortest
            """,
            [new NpgsqlParameter("from", from), new NpgsqlParameter("to", to)], cancellationToken);

    private static NpgsqlParameter[] ScopeParameters(ReadyScope scope) =>
    [
        new("caller", scope.CallerId),
        new("repository", NpgsqlDbType.Uuid) { Value = (object?)scope.RepositoryId ?? DBNull.Value },
        new("priority", NpgsqlDbType.Text) { Value = scope.Priority is { } p ? TaskEnums.Priority.ToWire(p) : DBNull.Value },
        new("allowed", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = scope.AllowedRepositoryIds is { } ids ? ids.ToArray() : DBNull.Value },
    ];

    private async Task<IReadOnlyList<Guid>> IdsAsync(string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken) =>
        await QueryAsync(sql, parameters, reader => reader.GetGuid(0), cancellationToken);

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, NpgsqlParameter[] parameters, Func<NpgsqlDataReader, T> read,
        CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
            await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction());
            command.Parameters.AddRange(parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
                rows.Add(read(reader));
            return rows;
        }
        finally
        {
            if (opened)
                await db.Database.CloseConnectionAsync();
        }
    }

    private static string Wire(TaskItemStatus status) => TaskEnums.Status.ToWire(status);
}
