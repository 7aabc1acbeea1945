using System.Threading.Channels;

namespace TaskManager.Api.Realtime;

/// <summary>
/// One open stream's bounded queue of live events. The hub writes without ever waiting; when the queue is full the
/// subscriber is cut off (it resumes with Last-Event-ID) so it can neither slow the others nor grow memory.
/// </summary>
public sealed class EventSubscription
{
    private readonly Channel<StreamFrame> _queue;
    private readonly CancellationTokenSource _cutOff = new();

    public EventSubscription(Guid caller, SubscriberFilter filter, int capacity, string startPosition)
    {
        Caller = caller;
        Filter = filter;
        StartPosition = startPosition;
        _queue = Channel.CreateBounded<StreamFrame>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public Guid Caller { get; }

    public SubscriberFilter Filter { get; }

    /// <summary>The hub's position when this subscription was registered: every later event reaches the queue.</summary>
    public string StartPosition { get; }

    /// <summary>
    /// The frames of the matching events, of a resync when the log was reset, and of account_deactivated as the last.
    /// </summary>
    public ChannelReader<StreamFrame> Events => _queue.Reader;

    /// <summary>Cancelled when the subscriber fell behind, so a write blocked on its socket is abandoned too.</summary>
    public CancellationToken CutOff => _cutOff.Token;

    public bool IsCutOff => _cutOff.IsCancellationRequested;

    /// <summary>Called by the hub's reader only.</summary>
    internal void Offer(LiveEvent liveEvent)
    {
        if (IsCutOff)
            return;
        if (Filter.Match(liveEvent) is not { } type)
            return;
        // Rendered here, on the hub's reader, so writers on other threads only copy bytes.
        Enqueue(new StreamFrame(liveEvent.Id, liveEvent.Frame(type), StreamFrameKind.Event, liveEvent.OccurredAt));
    }

    /// <summary>Whether the hub's reader has queued a resync for this subscriber; set and read under the hub's lock.</summary>
    internal bool ResyncOffered { get; private set; }

    /// <summary>Called by the hub's reader only, under its lock, when the log lost events the client may not have seen.</summary>
    internal void OfferResync(string position)
    {
        ResyncOffered = true;
        if (!IsCutOff)
            Enqueue(new StreamFrame(position, ControlFrames.Resync(position), StreamFrameKind.Control));
    }

    /// <summary>
    /// Called by the hub's heartbeat timer only. A full queue drops the tick without cutting the subscriber off: its
    /// writer is busy with what is queued, and the next event decides whether it is too slow.
    /// </summary>
    internal void OfferTick()
    {
        if (!IsCutOff)
            _queue.Writer.TryWrite(StreamFrame.Tick);
    }

    private void Enqueue(StreamFrame frame)
    {
        // A write fails on a full queue or on a completed one; only the full one, still open, is a subscriber that fell
        // behind. Cut off, it reconnects with Last-Event-ID and is told to resync then if it has to.
        if (!_queue.Writer.TryWrite(frame) && _queue.Writer.TryComplete())
            _cutOff.Cancel();
    }

    /// <summary>
    /// Ends the stream after what is queued and <paramref name="finalFrame"/>, which says why; a subscriber whose queue
    /// is full is cut off at once instead, since its owner must not keep receiving events.
    /// </summary>
    internal void End(byte[] finalFrame)
    {
        Enqueue(new StreamFrame(null, finalFrame, StreamFrameKind.Control));
        _queue.Writer.TryComplete();
    }

    /// <summary>
    /// Ends the stream after what is queued: the server is shutting down, or the stream's own writer is going (its client
    /// left) and completes the queue to wake itself. The queue takes this second writer: a bounded channel locks every
    /// operation whatever its options say.
    /// </summary>
    internal void Complete() => _queue.Writer.TryComplete();
}
