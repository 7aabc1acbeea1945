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

    public async Task<IReadOnlyList<PublishedTaskEvent>> ReadAfterAsync(string afterId, int count, CancellationToken ct)
    {
        var entries = await _redis.GetDatabase().StreamRangeAsync(TaskEvents.NotificationsStream, "(" + afterId, "+", count).WaitAsync(ct);
        return entries.Select(ToEvent).ToList();
    }

    public async Task<TaskEventFeedState> StateAsync(string? position, CancellationToken ct)
    {
        var asked = position is null ? (StreamEntryId?)null : StreamEntryId.Parse(position);
        RedisResult info;
        try
        {
            info = await _redis.GetDatabase().ExecuteAsync("XINFO", "STREAM", TaskEvents.NotificationsStream).WaitAsync(ct);
        }
        catch (RedisServerException ex) when (ex.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase))
        {
            // No stream at all: nothing was ever published, or Redis lost its data; a client that saw events must resync.
            return new TaskEventFeedState(StreamEntryId.Zero.ToString(), asked is { } a && a > StreamEntryId.Zero);
        }

        var fields = info.ToDictionary();
        var last = StreamEntryId.Parse(fields["last-generated-id"].ToString());
        var length = (long)fields["length"];
        var added = fields.TryGetValue("entries-added", out var a2) ? (long)a2 : length;
        var first = length > 0 && fields["first-entry"] is { IsNull: false } firstEntry ? StreamEntryId.Parse(firstEntry[0].ToString()) : last;
        return new TaskEventFeedState(last.ToString(), asked is { } p && IsTrimmedAfter(p, last, first, length, added));
    }

    /// <summary>
    /// Trimming removes the oldest entries and Redis does not say which ids went, so an asked position older than the
    /// first kept entry counts as trimmed whenever anything was ever removed (a rare, harmless extra resync).
    /// </summary>
    private static bool IsTrimmedAfter(StreamEntryId position, StreamEntryId last, StreamEntryId first, long length, long added)
    {
        if (position > last)
            return true; // The log was reset (Redis lost its data): the client's position is from a log that no longer exists.
        if (position == last)
            return false;
        if (length == 0)
            return true;
        return first > position && added > length;
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
