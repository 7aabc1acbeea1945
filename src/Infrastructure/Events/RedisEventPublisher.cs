using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// Writes outbox rows to the contract's streams. Each event is one Lua script, so its entries in all its streams
/// appear together, and a remembered event id makes a retried publish a no-op instead of a duplicate.
/// </summary>
public sealed class RedisEventPublisher(IConnectionMultiplexer redis, IOptions<EventsOptions> options)
{
    // KEYS: dedup marker, tasks:notifications, then the target streams. ARGV: ttl, maxlen, the contract's fields,
    // the routing fields of the notifications stream, then one event type per target stream.
    private const string PublishScript = """
        if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then
          return false
        end
        local id = redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], '*',
          'event_type', ARGV[3], 'task_id', ARGV[4], 'task_data', ARGV[5], 'timestamp', ARGV[6], 'event_id', ARGV[7],
          'assignee_id', ARGV[8], 'repository', ARGV[9], 'previous_assignee_id', ARGV[10], 'previous_repository', ARGV[11])
        for i = 3, #KEYS do
          redis.call('XADD', KEYS[i], 'MAXLEN', '~', ARGV[2], '*',
            'event_type', ARGV[9 + i], 'task_id', ARGV[4], 'task_data', ARGV[5], 'timestamp', ARGV[6], 'event_id', ARGV[7])
        end
        return id
        """;

    public bool IsConnected => redis.IsConnected;

    /// <summary>Publishes the rows, pipelined, in their order; throws if any of them may not have been written.</summary>
    public async Task PublishAsync(IReadOnlyList<OutboxMessage> rows)
    {
        var db = redis.GetDatabase();
        var settings = options.Value;
        var pending = rows.Select(row => Publish(db, row, settings)).ToList();
        await Task.WhenAll(pending);
        await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RelayKeys.PublishedChannel), rows.Count);
    }

    private static Task<RedisResult> Publish(IDatabase db, OutboxMessage row, EventsOptions settings)
    {
        var keys = new List<RedisKey> { RelayKeys.DeduplicationPrefix + row.Id, TaskEvents.NotificationsStream };
        var values = new List<RedisValue>
        {
            settings.DeduplicationSeconds,
            settings.StreamMaxLength,
            row.EventType,
            row.TaskId.ToString(),
            row.TaskData,
            UtcTimestampConverter.ToText(row.OccurredAt),
            row.Id.ToString(),
            row.AssigneeId?.ToString() ?? "",
            row.RepositoryName ?? "",
            row.PreviousAssigneeId?.ToString() ?? "",
            row.PreviousRepositoryName ?? "",
        };
        foreach (var (stream, eventType) in TaskEvents.Targets(row.EventType, row.AssigneeId, row.RepositoryName, row.PreviousAssigneeId,
                     row.PreviousRepositoryName))
        {
            keys.Add(stream);
            values.Add(eventType);
        }
        return db.ScriptEvaluateAsync(PublishScript, [.. keys], [.. values]);
    }
}
