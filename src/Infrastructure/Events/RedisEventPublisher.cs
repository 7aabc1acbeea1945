using System.Globalization;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// Writes outbox rows to the contract's streams, in two steps that each touch one cluster slot per script (managed
/// Redis in cluster mode refuses a script whose keys span slots): first the batch goes into <c>tasks:notifications</c>,
/// which gives every event its entry id, then each per-user and per-repository stream gets its share of the batch
/// under those same ids. Both steps are safe to repeat: a retried batch neither appends an event twice nor reorders a
/// stream. The log step carries the relay's lease epoch: Redis refuses an epoch older than the newest it has seen, so a
/// relay that lost its lease while frozen cannot publish after its successor (ADR 0004).
/// </summary>
public sealed class RedisEventPublisher(IConnectionMultiplexer redis, IOptions<EventsOptions> options)
{
    private const int LogFieldsPerEvent = 9;
    private const string FencedPrefix = "FENCED ";

    // Trims by age on Redis's clock, the clock the entry ids come from. Exact (not "~") so an entry past the retention
    // is gone at the next publish rather than whenever its radix-tree node fills up.
    private const string TrimByAge = """
        local function trim_by_age(key, retention_ms)
          local now = redis.call('TIME')
          local cutoff = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000) - tonumber(retention_ms)
          redis.call('XTRIM', key, 'MINID', string.format('%.0f', cutoff))
        end
        """;

    // KEYS: tasks:notifications, then one deduplication marker per event, and last the relay epoch. ARGV: maxlen,
    // retention ms, marker ttl, then per event its fields (event_type, task_id, task_data, timestamp, event_id and the
    // four routing fields), and last the publishing relay's epoch. Returns each event's entry id: a new one, or the one
    // its marker remembers from an earlier attempt. The fence comes first, so a stale relay writes nothing at all.
    private const string AppendToLogScript = TrimByAge + "\n" + """
        local epoch = tonumber(ARGV[#ARGV])
        local newest = tonumber(redis.call('GET', KEYS[#KEYS]) or '0')
        if epoch < newest then
          return redis.error_reply('FENCED ' .. newest)
        elseif epoch > newest then
          redis.call('SET', KEYS[#KEYS], epoch)
        end
        local ids = {}
        for i = 2, #KEYS - 1 do
          local f = 3 + (i - 2) * 9
          local id = redis.call('GET', KEYS[i])
          if not id then
            id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
              'event_type', ARGV[f + 1], 'task_id', ARGV[f + 2], 'task_data', ARGV[f + 3], 'timestamp', ARGV[f + 4],
              'event_id', ARGV[f + 5], 'assignee_id', ARGV[f + 6], 'repository', ARGV[f + 7],
              'previous_assignee_id', ARGV[f + 8], 'previous_repository', ARGV[f + 9])
            redis.call('SET', KEYS[i], id, 'EX', ARGV[3])
          end
          ids[#ids + 1] = id
        end
        trim_by_age(KEYS[1], ARGV[2])
        return ids
        """;

    // KEYS[1]: one per-user or per-repository stream. ARGV: maxlen, retention ms, then per event its entry id in
    // tasks:notifications, event_type (as this stream sees it), task_id, task_data, timestamp, event_id.
    // An id the stream already holds is a retry and is skipped; the stream's expiry makes an idle stream go away.
    private const string AppendToTargetScript = TrimByAge + "\n" + """
        local function append(id, f)
          return redis.pcall('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], id, 'event_type', ARGV[f + 1], 'task_id', ARGV[f + 2],
            'task_data', ARGV[f + 3], 'timestamp', ARGV[f + 4], 'event_id', ARGV[f + 5])
        end
        for f = 3, #ARGV, 6 do
          local added = append(ARGV[f], f)
          if type(added) == 'table' and added.err and #redis.call('XRANGE', KEYS[1], ARGV[f], ARGV[f]) == 0 then
            -- Not a retry: this stream kept ids beyond the log's (the log lost its data and this slot did not).
            added = append('*', f)
            if type(added) == 'table' and added.err then
              return redis.error_reply(added.err)
            end
          end
        end
        trim_by_age(KEYS[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return true
        """;

    public bool IsConnected => redis.IsConnected;

    /// <summary>
    /// Publishes the rows in their order under the relay lease <paramref name="epoch"/>; throws
    /// <see cref="RelayFencedException"/> if a newer relay has published, and otherwise if any of them may not have been
    /// written everywhere (each step is bounded by the lease, beyond which publishing under it is pointless).
    /// </summary>
    public async Task PublishAsync(IReadOnlyList<OutboxMessage> rows, long epoch, CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var settings = options.Value;
        var timeout = TimeSpan.FromSeconds(settings.LeaseSeconds);
        string[] ids;
        try
        {
            ids = await AppendToLogAsync(db, rows, epoch, settings).WaitAsync(timeout, ct);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith(FencedPrefix, StringComparison.Ordinal))
        {
            throw new RelayFencedException(long.Parse(ex.Message[FencedPrefix.Length..], CultureInfo.InvariantCulture));
        }
        // The readers read only the log, which holds the batch now: they are rung in the same pipeline as the per-user and
        // per-repository appends, not a round trip after them.
        Task[] writes =
        [
            .. ByTargetStream(rows, ids).Select(target => AppendToTargetAsync(db, target.Key, target.Value, settings)),
            redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RelayKeys.PublishedChannel), rows.Count),
        ];
        await Task.WhenAll(writes).WaitAsync(timeout, ct);
    }

    /// <summary>Tells the relay leader, wherever it runs, that this instance committed outbox rows.</summary>
    public Task RingLeaderAsync(CancellationToken ct) =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RelayKeys.DoorbellChannel), 1)
            .WaitAsync(TimeSpan.FromSeconds(options.Value.LeaseSeconds), ct);

    /// <summary>Calls <paramref name="ring"/> whenever an instance rings <see cref="RingLeaderAsync"/>.</summary>
    public Task SubscribeToDoorbellAsync(Action ring) =>
        redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RelayKeys.DoorbellChannel), (_, _) => ring());

    private static async Task<string[]> AppendToLogAsync(IDatabase db, IReadOnlyList<OutboxMessage> rows, long epoch, EventsOptions settings)
    {
        var keys = new RedisKey[rows.Count + 2];
        var values = new RedisValue[3 + rows.Count * LogFieldsPerEvent + 1];
        keys[0] = TaskEvents.NotificationsStream;
        values[0] = settings.StreamMaxLength;
        values[1] = RetentionMilliseconds(settings);
        values[2] = settings.DeduplicationSeconds;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            keys[i + 1] = RelayKeys.DeduplicationPrefix + row.Id;
            var f = 3 + i * LogFieldsPerEvent;
            values[f] = row.EventType;
            values[f + 1] = row.TaskId.ToString();
            values[f + 2] = row.TaskData;
            values[f + 3] = UtcTimestampConverter.ToText(row.OccurredAt);
            values[f + 4] = row.Id.ToString();
            values[f + 5] = row.AssigneeId?.ToString() ?? "";
            values[f + 6] = row.RepositoryName ?? "";
            values[f + 7] = row.PreviousAssigneeId?.ToString() ?? "";
            values[f + 8] = row.PreviousRepositoryName ?? "";
        }
        keys[^1] = RelayKeys.EpochKey;
        values[^1] = epoch;
        return (string[])(await db.ScriptEvaluateAsync(AppendToLogScript, keys, values))!;
    }

    /// <summary>Each target stream with its events in publish order, by the contract's routing rule.</summary>
    private static Dictionary<string, List<RedisValue>> ByTargetStream(IReadOnlyList<OutboxMessage> rows, string[] ids)
    {
        var streams = new Dictionary<string, List<RedisValue>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            foreach (var (stream, eventType) in TaskEvents.Targets(row.EventType, row.AssigneeId, row.RepositoryName, row.PreviousAssigneeId,
                         row.PreviousRepositoryName))
            {
                if (!streams.TryGetValue(stream, out var values))
                    streams[stream] = values = [];
                values.AddRange([ids[i], eventType, row.TaskId.ToString(), row.TaskData, UtcTimestampConverter.ToText(row.OccurredAt), row.Id.ToString()]);
            }
        }
        return streams;
    }

    private static Task<RedisResult> AppendToTargetAsync(IDatabase db, string stream, List<RedisValue> events, EventsOptions settings) =>
        db.ScriptEvaluateAsync(AppendToTargetScript, [stream], [settings.StreamMaxLength, RetentionMilliseconds(settings), .. events]);

    private static long RetentionMilliseconds(EventsOptions settings) => settings.RetentionSeconds * 1000L;
}
