using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Tasks;

/// <summary>
/// Removes deleted tasks (with their comments, history and dependency links) once they are older than the retention, and
/// raises <c>sync_floor</c> to the newest change_seq removed in the same transaction, so a sync token that has not seen
/// those tombstones is refused instead of silently missing the deletions (docs/adr/0005-commit-ordered-sync.md).
/// Every serving instance runs one; two purges of the same rows are harmless (the second finds none).
/// </summary>
public sealed partial class TombstonePurge(
    NpgsqlDataSource database,
    IOptions<TombstoneOptions> options,
    TimeProvider time,
    ILogger<TombstonePurge> logger) : PeriodicDatabaseChore(time, logger)
{
    /// <summary>Tasks per transaction: a large backlog never holds one long-running delete.</summary>
    public const int Chunk = 1_000;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override Task RunOnceAsync(CancellationToken ct) => PurgeExpiredAsync(ct);

    /// <summary>Purges every tombstone past the retention, a chunk per transaction; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var cutoff = Time.GetUtcNow() - options.Value.Retention;
        var total = 0;
        int purged;
        do
        {
            purged = await PurgeChunkAsync(cutoff, ct);
            total += purged;
        }
        while (purged == Chunk);
        if (total > 0)
            LogPurged(Logger, total);
        return total;
    }

    private async Task<int> PurgeChunkAsync(DateTimeOffset cutoff, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var ids = new List<Guid>(Chunk);
        var through = 0L;
        // SKIP LOCKED: another instance purging at the same moment takes other rows instead of waiting for these.
        await using (var select = new NpgsqlCommand($"""
            SELECT id, change_seq FROM tasks WHERE deleted_at <= @cutoff ORDER BY deleted_at LIMIT {Chunk} FOR UPDATE SKIP LOCKED
            """, connection, transaction))
        {
            select.Parameters.AddWithValue("cutoff", cutoff);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
                through = Math.Max(through, reader.GetInt64(1));
            }
        }
        if (ids.Count == 0)
            return 0;

        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new("DELETE FROM task_comments WHERE task_id = ANY(@ids)"),
                new("DELETE FROM task_history WHERE task_id = ANY(@ids)"),
                new("DELETE FROM task_dependencies WHERE task_id = ANY(@ids) OR blocked_by_id = ANY(@ids)"),
                new("DELETE FROM tasks WHERE id = ANY(@ids)"),
                new("""
                    INSERT INTO sync_floor (purged_through) VALUES (@through)
                    ON CONFLICT (singleton) DO UPDATE SET purged_through = GREATEST(sync_floor.purged_through, EXCLUDED.purged_through)
                    """),
            },
        };
        var idArray = ids.ToArray();
        for (var i = 0; i < batch.BatchCommands.Count - 1; i++)
            batch.BatchCommands[i].Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = idArray });
        batch.BatchCommands[^1].Parameters.AddWithValue("through", through);
        await batch.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
        return ids.Count;
    }

    [LoggerMessage(LogLevel.Information, "Purged {Count} deleted task(s) past their tombstone retention")]
    private static partial void LogPurged(ILogger logger, int count);
}
