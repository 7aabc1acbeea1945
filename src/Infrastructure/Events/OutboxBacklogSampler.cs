using Microsoft.Extensions.Logging;
using Npgsql;
using TaskManager.Application.Common.Metrics;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// Counts the unpublished outbox rows for the backlog gauges. A scrape reads the last sample instead of querying, so
/// /metrics answers at once and a PostgreSQL outage cannot hold it up; the count goes through the partial index of
/// unpublished rows, so it stays cheap while the relay keeps up.
/// </summary>
public sealed class OutboxBacklogSampler(
    NpgsqlDataSource database,
    TaskManagerMetrics metrics,
    TimeProvider time,
    ILogger<OutboxBacklogSampler> logger) : PeriodicDatabaseChore(time, logger)
{
    /// <summary>Finer than any scrape interval worth having, coarse enough that N instances add no noticeable load.</summary>
    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    /// <summary>The relay already warns while PostgreSQL is away; the gauges keep their last sample meanwhile.</summary>
    protected override LogLevel FailureLevel => LogLevel.Debug;

    protected override async Task RunOnceAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand(
            "SELECT count(*), min(occurred_at) FROM outbox_messages WHERE published_at IS NULL");
        command.CommandTimeout = (int)Interval.TotalSeconds;
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        metrics.OutboxSampled(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }
}
