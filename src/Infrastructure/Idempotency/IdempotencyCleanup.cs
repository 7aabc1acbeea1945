using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TaskManager.Application.Common.Idempotency;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Idempotency;

/// <summary>
/// Deletes idempotency records past their retention, so <c>idempotency_keys</c> holds about a retention's worth of
/// creates rather than every one ever made. Expiry itself does not wait for it (the create handler ignores an expired
/// record), so the interval only bounds the table. Every serving instance runs one; the deletes are harmless twice.
/// </summary>
public sealed partial class IdempotencyCleanup(
    NpgsqlDataSource database,
    IOptions<IdempotencyOptions> options,
    TimeProvider time,
    ILogger<IdempotencyCleanup> logger) : PeriodicDatabaseChore(time, logger)
{
    /// <summary>Rows per DELETE: a large backlog (the first run after an upgrade) never holds one long-running delete.</summary>
    public const int Chunk = 10_000;

    protected override TimeSpan Interval => TimeSpan.FromMinutes(10);

    protected override Task RunOnceAsync(CancellationToken ct) => DeleteExpiredAsync(ct);

    /// <summary>Deletes every expired record, a chunk at a time; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            DELETE FROM idempotency_keys WHERE (user_id, key) IN (
              SELECT user_id, key FROM idempotency_keys WHERE created_at <= @cutoff LIMIT {Chunk})
            """);
        command.Parameters.AddWithValue("cutoff", Time.GetUtcNow() - options.Value.Retention);
        var total = 0;
        int deleted;
        do
        {
            deleted = await command.ExecuteNonQueryAsync(ct);
            total += deleted;
        }
        while (deleted == Chunk);
        if (total > 0)
            LogDeleted(Logger, total);
        return total;
    }

    [LoggerMessage(LogLevel.Information, "Deleted {Count} idempotency record(s) past their retention")]
    private static partial void LogDeleted(ILogger logger, int count);
}
