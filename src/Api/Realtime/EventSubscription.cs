using System.Threading.Channels;

namespace TaskManager.Api.Realtime;

/// <summary>
/// One open stream's bounded queue of live events. The hub writes without ever waiting; when the queue is full the
/// subscriber is cut off (it resumes with Last-Event-ID) so it can neither slow the others nor grow memory.
/// </summary>
public sealed class EventSubscription
{
    private readonly Channel<(string Id, byte[] Frame)> _queue;
    private readonly CancellationTokenSource _cutOff = new();

    public EventSubscription(Guid caller, SubscriberFilter filter, int capacity, string startPosition)
    {
        Caller = caller;
        Filter = filter;
        StartPosition = startPosition;
        _queue = Channel.CreateBounded<(string, byte[])>(new BoundedChannelOptions(capacity)
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

    /// <summary>The frames of the matching events, each with the event's id.</summary>
    public ChannelReader<(string Id, byte[] Frame)> Events => _queue.Reader;

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
        if (_queue.Writer.TryWrite((liveEvent.Id, liveEvent.Frame(type))))
            return;
        _queue.Writer.TryComplete();
        _cutOff.Cancel();
    }

    /// <summary>Ends the stream after what is queued (server shutdown).</summary>
    internal void Complete() => _queue.Writer.TryComplete();
}
