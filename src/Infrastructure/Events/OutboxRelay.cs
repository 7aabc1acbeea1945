using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Metrics;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// Publishes committed outbox rows to Redis. Woken by the in-process doorbell right after a commit, by other instances
/// through Redis, and by a poll; while events are flowing, commits close together gather into one batch
/// (<see cref="RelayPacing"/>). While Redis (or PostgreSQL) is unreachable it backs off and retries; the rows simply
/// wait, so the API keeps accepting writes.
/// </summary>
/// <remarks>
/// Several instances relay the same table, one at a time: the holder of the <see cref="RelayLease"/>, which keeps each
/// task's events in commit order across instances. Nothing is locked or kept open while Redis is called: a batch is
/// read, published under the lease's epoch (which Redis fences) and marked published by a later read, a few batches
/// together (<see cref="UnmarkedRows"/>), so a holder that freezes mid-publish stalls nobody; its lease runs out and
/// another instance carries on (ADR 0004). Rows published and not yet marked are published again by a successor, which
/// Redis' de-duplication markers turn into no-ops, exactly as for a holder that dies between its publish and a mark of
/// its own.
/// </remarks>
public sealed partial class OutboxRelay(
    NpgsqlDataSource database,
    RedisEventPublisher publisher,
    RelayLease lease,
    OutboxSignal signal,
    IOptions<EventsOptions> options,
    TimeProvider time,
    TaskManagerMetrics metrics,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private const int CleanupChunk = 10_000;

    private static readonly TimeSpan CleanupInterval = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(100);

    private readonly UnmarkedRows _unmarked = new(time);
    private readonly RelayPacing _pacing = new(TimeSpan.FromMilliseconds(options.Value.CoalesceMilliseconds), time);

    private DateTimeOffset _nextCleanup = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        // Only the holder answers the doorbell: a follower that rang it on would ring every other follower back.
        var doorbell = publisher.SubscribeToDoorbellAsync(() =>
        {
            if (lease.Epoch is not null)
                signal.Notify();
        });
        var backoff = MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Without Redis there is no point holding the lease; the rows wait.
                if (!publisher.IsConnected)
                {
                    // What already reached the streams is marked all the same; the rest waits.
                    await MarkPublishedAsync(stoppingToken);
                    throw new TimeoutException("Redis is not connected.");
                }
                var (epoch, taken) = await lease.HoldAsync(stoppingToken);
                if (epoch is not { } held)
                {
                    await MarkPublishedAsync(stoppingToken);
                    await FollowAsync(settings, stoppingToken);
                    continue;
                }
                if (taken)
                {
                    metrics.RelayLeaseTaken();
                    LogLeaseTaken(lease.Holder, held);
                }
                bool more;
                try
                {
                    more = await RelayBatchAsync(held, settings.BatchSize, stoppingToken);
                }
                catch (RelayFencedException ex)
                {
                    // A newer epoch has published. Either this instance lost its lease while it was away (the rebase
                    // finds it gone and it follows), or Redis outlived the lease table and the holder moves past it.
                    LogFenced(ex.NewestEpoch, await lease.RebaseAsync(ex.NewestEpoch, stoppingToken));
                    continue;
                }
                backoff = MinBackoff;
                if (more)
                    continue;
                await CleanupIfDueAsync(settings, stoppingToken);
                await signal.WaitAsync(Min(_unmarked.UntilMarkDue, IdleWait(settings)), stoppingToken);
                if (_pacing.UntilNextRead is var gather && gather > TimeSpan.Zero)
                    await Task.Delay(gather, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException or NpgsqlException or InvalidOperationException)
            {
                LogRelayFailed(ex.Message, backoff.TotalMilliseconds);
                await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, settings.MaxBackoffMilliseconds));
            }
        }
        await doorbell.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // A clean stop leaves the outbox up to date and hands over at once instead of after the lease runs out.
        await MarkPublishedOnStopAsync();
        await lease.ReleaseAsync();
    }

    /// <summary>
    /// Publishes the next batch in sequence order under lease <paramref name="epoch"/>, leaving it for a later read to
    /// mark; returns whether a full batch was found (so there may be more).
    /// </summary>
    private async Task<bool> RelayBatchAsync(long epoch, int batchSize, CancellationToken ct)
    {
        var readAt = time.GetUtcNow();
        var rows = await ReadUnpublishedAsync(batchSize, ct);
        if (rows.Count == 0)
            return false;
        _pacing.BatchRead(readAt);
        try
        {
            await publisher.PublishAsync(rows, epoch, ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            await RecordFailureAsync(rows, ex.Message);
            throw;
        }

        // Not conditional on the lease: these rows are on the streams now, whoever holds it.
        _unmarked.Add(rows.Select(r => r.Sequence));
        metrics.EventsPublished(rows, time.GetUtcNow());
        LogPublished(rows.Count);
        return rows.Count == batchSize;
    }

    /// <summary>
    /// While another instance holds the lease: rings it for every local commit (it may be on another machine), until
    /// it is time to check whether its lease ran out.
    /// </summary>
    private async Task FollowAsync(EventsOptions settings, CancellationToken ct)
    {
        var checkAt = time.GetTimestamp();
        var wait = IdleWait(settings);
        while (time.GetElapsedTime(checkAt) is var elapsed && elapsed < wait)
        {
            if (await signal.WaitAsync(wait - elapsed, ct))
                await publisher.RingLeaderAsync(ct);
        }
    }

    /// <summary>The poll, but often enough to renew the lease (the holder) or to notice soon that it ran out (the others).</summary>
    private TimeSpan IdleWait(EventsOptions settings) =>
        TimeSpan.FromMilliseconds(Math.Min(settings.PollMilliseconds, lease.RenewalInterval.TotalMilliseconds));

    /// <summary>The shorter wait; <see cref="Timeout.InfiniteTimeSpan"/> is longer than any.</summary>
    private static TimeSpan Min(TimeSpan untilMarkDue, TimeSpan idle) =>
        untilMarkDue == Timeout.InfiniteTimeSpan || idle < untilMarkDue ? idle : untilMarkDue;

    // "published_at IS NULL" is what lets PostgreSQL find the rows through idx_outbox_unpublished; without it the only
    // way to match a sequence is a scan of the whole table, published history included (~140 ms at 100k rows).
    private const string MarkSql = "UPDATE outbox_messages SET published_at = now() WHERE sequence = ANY(@published) AND published_at IS NULL";

    // The rows published and not yet marked are on the streams already: left out by sequence, as the index cannot tell them.
    private const string ReadSql = """
        SELECT sequence, id, task_id, event_type, task_data, assignee_id, repository_name,
               previous_assignee_id, previous_repository_name, occurred_at
        FROM outbox_messages WHERE published_at IS NULL AND sequence <> ALL(@published) ORDER BY sequence LIMIT @limit
        """;

    // One snapshot: the read sees the table as it was before the mark, which is why the read leaves the marked rows out
    // by sequence. Kept for when a mark is due: PostgreSQL plans a statement that writes afresh on every execution (its
    // custom plan always looks cheaper), while the plain read settles on one generic plan.
    private const string MarkAndReadSql = $"WITH marked AS ({MarkSql}) {ReadSql}";

    /// <summary>
    /// Reads the oldest rows still waiting, marking <see cref="_unmarked"/> in the same statement when that is due
    /// (<see cref="UnmarkedRows.MarkDue"/>): otherwise the statement writes nothing, so it commits nothing to flush.
    /// </summary>
    private async Task<List<OutboxMessage>> ReadUnpublishedAsync(int batchSize, CancellationToken ct)
    {
        var mark = _unmarked.MarkDue(batchSize);
        await using var command = database.CreateCommand(mark ? MarkAndReadSql : ReadSql);
        command.CommandTimeout = options.Value.LeaseSeconds;
        command.Parameters.AddWithValue("published", _unmarked.Sequences);
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
        if (mark)
            _unmarked.Clear();
        return rows;
    }

    /// <summary>Marks what is on the streams but not yet marked, for when no read follows soon: the lease went elsewhere.</summary>
    private async Task MarkPublishedAsync(CancellationToken ct)
    {
        if (_unmarked.IsEmpty)
            return;
        await using var command = database.CreateCommand(MarkSql);
        command.CommandTimeout = options.Value.LeaseSeconds;
        command.Parameters.AddWithValue("published", _unmarked.Sequences);
        await command.ExecuteNonQueryAsync(ct);
        _unmarked.Clear();
    }

    /// <summary>Best effort: rows left unmarked are published again by the next holder, and Redis drops the repeats.</summary>
    private async Task MarkPublishedOnStopAsync()
    {
        try
        {
            await MarkPublishedAsync(CancellationToken.None);
        }
        catch (NpgsqlException ex)
        {
            LogMarkOnStopFailed(ex.Message);
        }
    }

    /// <summary>Best effort: an operator looking at a stuck outbox sees why (attempts, last_error).</summary>
    private async Task RecordFailureAsync(IReadOnlyList<OutboxMessage> rows, string error)
    {
        try
        {
            await using var command = database.CreateCommand(
                "UPDATE outbox_messages SET attempts = attempts + 1, last_error = left(@error, 1000) WHERE sequence = ANY(@sequences) AND published_at IS NULL");
            command.CommandTimeout = options.Value.LeaseSeconds;
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
        command.CommandTimeout = (int)CleanupTimeout.TotalSeconds;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox relay lease taken by {Holder} (epoch {Epoch}); this instance publishes now")]
    private partial void LogLeaseTaken(string holder, long epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay fenced: Redis has seen epoch {Newest}; {Outcome}")]
    private partial void LogFencedOutcome(long newest, string outcome);

    private void LogFenced(long newest, long? rebased) =>
        LogFencedOutcome(newest, rebased is { } epoch
            ? $"the lease is still this instance's, moved to epoch {epoch}"
            : "the lease went to another instance while this one was away, which publishes instead");

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox relay published {Count} events")]
    private partial void LogPublished(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay stopped without marking its last batch published ({Reason}); the next holder republishes it")]
    private partial void LogMarkOnStopFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record an outbox failure: {Reason}")]
    private partial void LogRecordFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} published outbox rows past their retention")]
    private partial void LogCleanedUp(int count);
}
