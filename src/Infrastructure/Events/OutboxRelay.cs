using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Metrics;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// Publishes committed outbox rows to Redis. Woken by the in-process doorbell right after a commit, and by a
/// poll for rows other processes wrote. While Redis (or PostgreSQL) is unreachable it backs off and retries;
/// the rows simply wait, so the API keeps accepting writes.
/// </summary>
/// <remarks>
/// Several instances relay the same table. A transaction-level advisory lock lets one batch at a time through, which
/// keeps each task's events in commit order across instances (plain SKIP LOCKED would let two instances publish two
/// rows of one task concurrently, in either order) and means a row is never claimed twice.
/// </remarks>
public sealed partial class OutboxRelay(
    NpgsqlDataSource database,
    RedisEventPublisher publisher,
    OutboxSignal signal,
    IOptions<EventsOptions> options,
    TimeProvider time,
    TaskManagerMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    /// <summary>Arbitrary but fixed: the key of the advisory lock every instance's relay takes ("outbox" in ASCII).</summary>
    private const long RelayLockKey = 0x6F7574626F78;

    private const int CleanupChunk = 10_000;

    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);

    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var backoff = MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Without Redis there is no point holding the relay lock and a connection; the rows wait.
                if (!publisher.IsConnected)
                    throw new TimeoutException("Redis is not connected.");
                var more = await RelayBatchAsync(settings.BatchSize, stoppingToken);
                backoff = MinBackoff;
                if (more)
                    continue;
                await CleanupIfDueAsync(settings, stoppingToken);
                await signal.WaitAsync(TimeSpan.FromMilliseconds(settings.PollMilliseconds), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or NpgsqlException or InvalidOperationException)
            {
                LogRelayFailed(ex.Message, backoff.TotalMilliseconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, settings.MaxBackoffMilliseconds));
            }
        }
    }

    /// <summary>Publishes one batch in sequence order and marks it; returns whether a full batch was found (so there may be more).</summary>
    public async Task<bool> RelayBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("SET LOCAL lock_timeout = '10s'; SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", RelayLockKey);
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        var rows = await ReadUnpublishedAsync(connection, transaction, batchSize, ct);
        if (rows.Count == 0)
            return false;
        try
        {
            await publisher.PublishAsync(rows);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            await RecordFailureAsync(rows, ex.Message);
            throw;
        }

        // "published_at IS NULL" is what lets PostgreSQL find the rows through idx_outbox_unpublished; without it the
        // only way to match a sequence is a scan of the whole table, published history included (~140 ms at 100k rows).
        await using (var mark = new NpgsqlCommand(
            "UPDATE outbox_messages SET published_at = now() WHERE sequence = ANY(@sequences) AND published_at IS NULL", connection, transaction))
        {
            mark.Parameters.AddWithValue("sequences", rows.Select(r => r.Sequence).ToArray());
            await mark.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        metrics.EventsPublished(rows, time.GetUtcNow());
        LogPublished(rows.Count);
        return rows.Count == batchSize;
    }

    private static async Task<List<OutboxMessage>> ReadUnpublishedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        int batchSize, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT sequence, id, task_id, event_type, task_data, assignee_id, repository_name,
                   previous_assignee_id, previous_repository_name, occurred_at
            FROM outbox_messages WHERE published_at IS NULL ORDER BY sequence LIMIT @limit
            """, connection, transaction);
        command.Parameters.AddWithValue("limit", batchSize);
        var rows = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new OutboxMessage
            {
                Sequence = reader.GetInt64(0),
                Id = reader.GetGuid(1),
                TaskId = reader.GetGuid(2),
                EventType = reader.GetString(3),
                TaskData = reader.GetString(4),
                AssigneeId = reader.IsDBNull(5) ? null : reader.GetGuid(5),
                RepositoryName = reader.IsDBNull(6) ? null : reader.GetString(6),
                PreviousAssigneeId = reader.IsDBNull(7) ? null : reader.GetGuid(7),
                PreviousRepositoryName = reader.IsDBNull(8) ? null : reader.GetString(8),
                OccurredAt = reader.GetFieldValue<DateTimeOffset>(9),
            });
        }
        return rows;
    }

    /// <summary>Best effort: an operator looking at a stuck outbox sees why (attempts, last_error).</summary>
    private async Task RecordFailureAsync(IReadOnlyList<OutboxMessage> rows, string error)
    {
        try
        {
            await using var command = database.CreateCommand(
                "UPDATE outbox_messages SET attempts = attempts + 1, last_error = left(@error, 1000) WHERE sequence = ANY(@sequences) AND published_at IS NULL");
            command.Parameters.AddWithValue("error", error);
            command.Parameters.AddWithValue("sequences", rows.Select(r => r.Sequence).ToArray());
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException ex)
        {
            LogRecordFailed(ex.Message);
        }
    }

    private async Task CleanupIfDueAsync(EventsOptions settings, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (now < _nextCleanup)
            return;
        _nextCleanup = now + CleanupInterval;
        await using var command = database.CreateCommand($"""
            DELETE FROM outbox_messages WHERE id IN (
              SELECT id FROM outbox_messages WHERE published_at < @cutoff LIMIT {CleanupChunk})
            """);
        command.Parameters.AddWithValue("cutoff", now - TimeSpan.FromHours(settings.RetentionHours));
        // In chunks, so a large backlog never holds one long-running delete.
        int deleted;
        do
        {
            deleted = await command.ExecuteNonQueryAsync(ct);
            if (deleted > 0)
                LogCleanedUp(deleted);
        }
        while (deleted == CleanupChunk && !ct.IsCancellationRequested);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish ({Reason}); retrying in {DelayMs} ms")]
    private partial void LogRelayFailed(string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox relay published {Count} events")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record an outbox failure: {Reason}")]
    private partial void LogRecordFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} published outbox rows past their retention")]
    private partial void LogCleanedUp(int count);
}
