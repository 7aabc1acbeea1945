using System.Threading.Channels;
using StackExchange.Redis;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Contract;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// Reads <c>tasks:notifications</c> without blocking commands (a blocking XREAD would hold the multiplexer's one
/// connection), and hears the relays' pub/sub doorbell so a reader polls only as a fallback.
/// </summary>
public sealed class RedisTaskEventFeed : ITaskEventFeed, IDisposable
{
    private readonly IConnectionMultiplexer _redis;
    private readonly Channel<bool> _published = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
    });

    private Task? _subscription;

    public RedisTaskEventFeed(IConnectionMultiplexer redis) => _redis = redis;

    public async Task<TaskEventPage> ReadAfterAsync(string afterId, int count, CancellationToken ct)
    {
        var position = StreamEntryId.Parse(afterId);
        // From the position itself: finding it proves, in the same command, that nothing after it was trimmed or lost.
        var entries = await _redis.GetDatabase().StreamRangeAsync(TaskEvents.NotificationsStream, position.ToString(), "+", count + 1).WaitAsync(ct);
        if (entries.Length > 0 && StreamEntryId.Parse(entries[0].Id.ToString()) == position)
            return new TaskEventPage([.. entries.Skip(1).Select(ToEvent)], PositionLost: false);
        if (!await IsBoundaryAsync(position, ct))
            return new TaskEventPage([], PositionLost: true);
        return new TaskEventPage([.. entries.Take(count).Select(ToEvent)], PositionLost: false);
    }

    public async Task<string> LastIdAsync(CancellationToken ct) =>
        await InfoAsync(ct) is { } info ? StreamEntryId.Parse(info.LastGeneratedId.ToString()).ToString() : StreamEntryId.Zero.ToString();

    /// <summary>
    /// Whether a position that is not (or no longer) an entry still marks a place from which the log is complete: the
    /// end of the log, or the last entry trimmed away (trimming only ever removes the oldest entries, so everything after
    /// that one is still there). Anything else (an entry trimmed before others, an id from a log Redis has since lost, an
    /// id the log never had) cannot be served exactly. Read after the entries, so a trim in between makes it stricter.
    /// </summary>
    private async Task<bool> IsBoundaryAsync(StreamEntryId position, CancellationToken ct)
    {
        if (await InfoAsync(ct) is not { } info)
            return position == StreamEntryId.Zero; // No log: only a reader that has seen nothing has missed nothing.
        return position == StreamEntryId.Parse(info.LastGeneratedId.ToString())
            || position == StreamEntryId.Parse(info.MaxDeletedEntryId.ToString());
    }

    /// <summary>XINFO STREAM of the log, or null when there is none (nothing was published yet, or Redis lost it).</summary>
    private async Task<StreamInfo?> InfoAsync(CancellationToken ct)
    {
        try
        {
            return await _redis.GetDatabase().StreamInfoAsync(TaskEvents.NotificationsStream).WaitAsync(ct);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
    }

    public async Task WaitForPublishAsync(TimeSpan timeout, CancellationToken ct)
    {
        // Once made, the multiplexer renews the subscription after a reconnect; one that failed (Redis down at start)
        // is tried again on the next wait, and polling covers the gap.
        if (_subscription is null || _subscription.IsFaulted || _subscription.IsCanceled)
            _subscription = _redis.GetSubscriber()
                .SubscribeAsync(RedisChannel.Literal(RelayKeys.PublishedChannel), (_, _) => _published.Writer.TryWrite(true));
        try
        {
            await _subscription.WaitAsync(ct);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Fall back to the poll below.
        }
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _published.Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The poll interval passed without a doorbell.
        }
    }

    public bool IsValidId(string id) => StreamEntryId.TryParse(id, out _);

    public int Compare(string left, string right) => StreamEntryId.Parse(left).CompareTo(StreamEntryId.Parse(right));

    public void Dispose() => _published.Writer.TryComplete();

    /// <summary>The fields are taken as the relay wrote them: the task JSON stays the text it was stored as.</summary>
    private static PublishedTaskEvent ToEvent(StreamEntry entry)
    {
        string Field(string name) => entry[name].ToString();
        string? Optional(string name) => entry[name] is { IsNullOrEmpty: false } value ? value.ToString() : null;
        // Lenient: an entry no relay of ours wrote must not stop the reader, which would retry it forever.
        Guid? OptionalId(string name) => Guid.TryParse(Optional(name), out var id) ? id : null;
        return new PublishedTaskEvent(entry.Id.ToString(), Field("event_type"), Field("task_id"), Field("task_data"), Field("timestamp"),
            Field("event_id"), OptionalId("assignee_id"), Optional("repository"), OptionalId("previous_assignee_id"), Optional("previous_repository"));
    }
}
