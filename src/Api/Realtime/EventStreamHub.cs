using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Metrics;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Realtime;

/// <summary>
/// The process's one reader of the event log. It reads <c>tasks:notifications</c> in order with non-blocking
/// commands, woken by the relays' doorbell (or a short poll), and hands every event to the queues of the subscribers
/// it concerns. Registration and dispatch share a lock, so a subscriber's <see cref="EventSubscription.StartPosition"/>
/// splits the log exactly: events up to it are replayed from Redis, events after it arrive in the queue. Long polls
/// (<see cref="ITaskEventNotifier"/>) wait here too, for the reader's position to pass theirs. Directory events go to
/// <see cref="DirectoryChanges"/>, whose listeners include the hub itself: a deactivated person's streams end. One
/// timer ticks every stream (<see cref="StreamFrame.Tick"/>) for its heartbeat and account check. Every write to a
/// subscriber's queue happens under the lock, so each queue has one writer at a time.
/// </summary>
public sealed partial class EventStreamHub(
    ITaskEventFeed feed, DirectoryChanges directory, IOptions<RealtimeOptions> options, TaskManagerMetrics metrics, ILogger<EventStreamHub> logger)
    : BackgroundService, ITaskEventNotifier, IDirectoryChangeListener
{
    public const int ReadBatch = 500;

    private readonly Lock _gate = new();
    private readonly HashSet<EventSubscription> _subscribers = [];
    private readonly Dictionary<Guid, int> _streamsPerCaller = [];
    private readonly HashSet<ChannelWriter<LiveEvent>> _watchers = [];

    /// <summary>
    /// People deactivated since this process started: a stream they opened with credentials checked just before the
    /// deactivation, but registered just after it, ends at once instead of outliving it.
    /// </summary>
    private readonly HashSet<Guid> _deactivated = [];

    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _position = "0-0";
    private bool _stopped;

    /// <summary>
    /// Set while the reader, having found the log lost, reads where it now ends: a stream registered meanwhile would start
    /// at the lost position and be told to resync at an end read before it came, older than the log it resumed against.
    /// </summary>
    private TaskCompletionSource? _resyncing;

    /// <summary>
    /// How far the reader has dispatched: every event up to here is in the queue of each subscriber it concerns (or was
    /// replayed to it), so a subscriber with an empty queue has been sent everything up to here.
    /// </summary>
    public string Position
    {
        get
        {
            lock (_gate)
                return _position;
        }
    }

    public int SubscriberCount
    {
        get
        {
            lock (_gate)
                return _subscribers.Count;
        }
    }

    /// <summary>Registers a subscriber once the reader knows where the log stands; null when the caller has too many streams open.</summary>
    public async Task<EventSubscription?> SubscribeAsync(Guid caller, SubscriberFilter filter, CancellationToken ct)
    {
        await _ready.Task.WaitAsync(ct);
        var settings = options.Value;
        while (true)
        {
            Task resynced;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_stopped, this);
                if (_resyncing is null)
                    return Register(caller, filter, settings);
                resynced = _resyncing.Task;
            }
            // One read of Redis; the stream then starts where the log stands after the loss.
            await resynced.WaitAsync(ct);
        }
    }

    /// <summary>Call under the lock.</summary>
    private EventSubscription? Register(Guid caller, SubscriberFilter filter, RealtimeOptions settings)
    {
        var open = _streamsPerCaller.GetValueOrDefault(caller);
        if (open >= settings.MaxStreamsPerUser)
            return null;
        var subscription = new EventSubscription(caller, filter, settings.SubscriberBuffer, _position);
        _subscribers.Add(subscription);
        _streamsPerCaller[caller] = open + 1;
        metrics.StreamOpened();
        if (_deactivated.Contains(caller))
            subscription.End(ControlFrames.AccountDeactivated);
        return subscription;
    }

    /// <summary>
    /// Whether the reader tells <paramref name="subscription"/> to resync without being asked, should the position it
    /// started at be lost: it already has, or it has not read since, so its next read meets the same lost position.
    /// Once it has read on (a trim took the start position, not a data loss), it will not.
    /// </summary>
    public bool ReaderResyncs(EventSubscription subscription)
    {
        lock (_gate)
            return subscription.ResyncOffered || _position == subscription.StartPosition;
    }

    public void Unsubscribe(EventSubscription subscription)
    {
        lock (_gate)
        {
            if (!_subscribers.Remove(subscription))
                return;
            metrics.StreamClosed();
            if (_streamsPerCaller[subscription.Caller] <= 1)
                _streamsPerCaller.Remove(subscription.Caller);
            else
                _streamsPerCaller[subscription.Caller]--;
        }
    }

    /// <summary>
    /// Every event this process reads from now on, in order, for an in-process consumer that does its own matching (MCP
    /// resource subscriptions match by task, which no stream is keyed by). The queue is unbounded because its consumer
    /// only matches and hands off, never waiting on a client; it ends when the hub stops or the caller stops reading.
    /// </summary>
    public async IAsyncEnumerable<LiveEvent> WatchAllAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var queue = Channel.CreateUnbounded<LiveEvent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopped, this);
            _watchers.Add(queue.Writer);
        }
        try
        {
            await foreach (var liveEvent in queue.Reader.ReadAllAsync(ct))
                yield return liveEvent;
        }
        finally
        {
            lock (_gate)
                _watchers.Remove(queue.Writer);
        }
    }

    public async Task WaitForEventsAfterAsync(string position, CancellationToken ct)
    {
        while (true)
        {
            Task advanced;
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_stopped, this);
                // Checked under the lock Dispatch moves the position in, so an event read in between is never missed.
                if (feed.Compare(_position, position) > 0)
                    return;
                advanced = _advanced.Task;
            }
            await advanced.WaitAsync(ct);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        var backoff = TimeSpan.FromMilliseconds(100);
        var tickInterval = options.Value.TickInterval;
        await using var ticks = new Timer(_ => TickAll(), null, tickInterval, tickInterval);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!_ready.Task.IsCompleted)
                    {
                        // Start at the end of the log: new streams begin with what happens from now on.
                        _position = await feed.LastIdAsync(stoppingToken);
                        _ready.TrySetResult();
                    }
                    var page = await feed.ReadAfterAsync(_position, ReadBatch, stoppingToken);
                    backoff = TimeSpan.FromMilliseconds(100);
                    if (page.PositionLost)
                    {
                        await ResyncAllAsync(stoppingToken);
                        continue;
                    }
                    if (page.Events.Count > 0)
                    {
                        Dispatch([.. page.Events.Select(e => new LiveEvent(e))]);
                        PublishDirectoryChanges(page.Events);
                        if (page.Events.Count == ReadBatch)
                            continue;
                    }
                    await feed.WaitForPublishAsync(poll, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // Redis is down or restarting: subscribers stay connected and receive everything once it is back.
                    LogReadFailed(ex.Message, backoff.TotalMilliseconds);
                    await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 5_000));
                }
            }
        }
        finally
        {
            CompleteAll();
        }
    }

    private void Dispatch(List<LiveEvent> events)
    {
        lock (_gate)
        {
            foreach (var liveEvent in events)
            {
                foreach (var subscriber in _subscribers)
                    subscriber.Offer(liveEvent);
                foreach (var watcher in _watchers)
                    watcher.TryWrite(liveEvent);
                _position = liveEvent.Id;
                if (liveEvent.OccurredAt is { } occurredAt)
                    metrics.EventDispatched(occurredAt);
            }
            WakeWaiters();
        }
    }

    private void TickAll()
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers)
                subscriber.OfferTick();
        }
    }

    /// <summary>
    /// Outside the hub's lock: a listener may be called while the admin's request holds <see cref="DirectoryChanges"/>,
    /// and taking the two locks in both orders could deadlock.
    /// </summary>
    private void PublishDirectoryChanges(IReadOnlyList<PublishedTaskEvent> batch)
    {
        foreach (var published in batch)
        {
            // Lenient like the feed: an entry no relay of ours wrote must not stop the reader.
            if (DirectoryEvents.IsDirectoryEvent(published.EventType) && Guid.TryParse(published.TaskId, out var subject))
                directory.Publish(new DirectoryChange(published.EventType, subject, published.TaskData));
        }
    }

    public void OnChanged(DirectoryChange change)
    {
        if (change.EventType != DirectoryEvents.UserChanged)
            return;
        var deactivated = change.IsDeactivation;
        lock (_gate)
        {
            if (!deactivated)
            {
                _deactivated.Remove(change.SubjectId);
                return;
            }
            _deactivated.Add(change.SubjectId);
            foreach (var subscriber in _subscribers.Where(s => s.Caller == change.SubjectId))
                subscriber.End(ControlFrames.AccountDeactivated);
        }
    }

    /// <summary>
    /// Nothing the hub can recover: it cannot tell whose deactivation was lost. A lost log tells every stream to resync
    /// (<see cref="ResyncAllAsync"/>), and the refetch that follows goes through authentication, which has forgotten
    /// every cached user; an open stream of a person deactivated in the lost window ends at its own next look at its
    /// owner (<see cref="AccountCheck"/>).
    /// </summary>
    public void OnChangesMissed()
    {
    }

    /// <summary>Completes the current wait for everyone waiting and starts the next; call under the lock.</summary>
    private void WakeWaiters()
    {
        _advanced.TrySetResult();
        _advanced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// The log no longer holds what followed our position (Redis lost its data, or trimmed entries we had not read yet):
    /// events may be gone that nobody here has seen. Every subscriber is told to resync, in its stream, and reading goes
    /// on from the log's end.
    /// </summary>
    private async Task ResyncAllAsync(CancellationToken ct)
    {
        var resyncing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
            _resyncing = resyncing;
        try
        {
            var end = await feed.LastIdAsync(ct);
            LogPositionLost(_position, end);
            lock (_gate)
            {
                foreach (var subscriber in _subscribers)
                    subscriber.OfferResync(end);
                _position = end;
                WakeWaiters();
            }
        }
        finally
        {
            // Also when the read failed: the streams waiting register at the lost position, and the retry resyncs them.
            lock (_gate)
                _resyncing = null;
            resyncing.TrySetResult();
        }
        // Directory events may have gone with the log: caches start afresh. Outside the lock, like every directory call.
        directory.PublishMissed();
    }

    private void CompleteAll()
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var subscriber in _subscribers)
                subscriber.Complete();
            foreach (var watcher in _watchers)
                watcher.TryComplete();
            WakeWaiters();
        }
        _ready.TrySetCanceled();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live-update reader could not read events ({Reason}); retrying in {DelayMs} ms")]
    private partial void LogReadFailed(string reason, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The event log no longer holds what followed {Position} (its end is {LastId}); every stream is told to resync")]
    private partial void LogPositionLost(string position, string lastId);
}
