using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;

namespace TaskManager.Floor;

/// <summary>
/// SSE fan-out: every subscriber receives every event, the frame's bytes rendered once and copied into each
/// subscriber's response pipe.
/// </summary>
/// <remarks>
/// One loop owns every subscriber and is the only writer of their pipes, so nothing is locked and nothing is queued per
/// subscriber: an event costs a copy and a flush call per subscriber (Kestrel sends on its own I/O threads), where a
/// queue and a writing loop per subscriber would add a thread-pool wake-up each. Subscribing, leaving and publishing
/// are commands to that loop, so a subscriber's ": subscribed" is written in order with the events: nothing published
/// after it is missed. A subscriber whose previous flush has not completed cannot keep up and is disconnected, as the
/// service does, rather than holding the others back.
/// </remarks>
public sealed class EventBroadcaster
{
    /// <summary>The service's opening (its default <c>retry</c>): a client knows from these bytes that nothing after them is missed.</summary>
    private static readonly byte[] Subscribed = "retry: 2000\n: subscribed\n\n"u8.ToArray();

    private readonly Channel<Command> _commands = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<Subscriber> _subscribers = [];

    public EventBroadcaster() => Completion = Task.Run(RunAsync);

    /// <summary>Ends when <see cref="Stop"/> was called and every subscriber was let go.</summary>
    public Task Completion { get; }

    /// <summary>Registers a stream; the returned task completes when the broadcaster let it go (left, too slow, or stopping).</summary>
    public Task SubscribeAsync(HttpContext http)
    {
        var subscriber = new Subscriber(http);
        _commands.Writer.TryWrite(new Command(CommandKind.Subscribe, subscriber, null));
        http.RequestAborted.Register(() => _commands.Writer.TryWrite(new Command(CommandKind.Leave, subscriber, null)));
        return subscriber.Released.Task;
    }

    public void Publish(byte[] frame) => _commands.Writer.TryWrite(new Command(CommandKind.Publish, null, frame));

    public void Stop() => _commands.Writer.TryComplete();

    private async Task RunAsync()
    {
        await foreach (var command in _commands.Reader.ReadAllAsync())
        {
            switch (command.Kind)
            {
                case CommandKind.Subscribe:
                    command.Subscriber!.Index = _subscribers.Count;
                    _subscribers.Add(command.Subscriber);
                    Send(command.Subscriber, Subscribed);
                    break;
                case CommandKind.Leave:
                    Release(command.Subscriber!);
                    break;
                case CommandKind.Publish:
                    // Backwards: a subscriber released here swaps the last one into its place, which was already served.
                    for (var i = _subscribers.Count - 1; i >= 0; i--)
                        Send(_subscribers[i], command.Frame!);
                    break;
            }
        }
        while (_subscribers.Count > 0)
            Release(_subscribers[^1]);
    }

    private void Send(Subscriber subscriber, byte[] frame)
    {
        if (subscriber.PendingFlush is { } pending)
        {
            if (!pending.IsCompleted)
            {
                subscriber.Http.Abort();
                Release(subscriber);
                return;
            }
            subscriber.PendingFlush = null;
            if (!pending.IsCompletedSuccessfully || pending.Result.IsCompleted)
            {
                Release(subscriber);
                return;
            }
        }
        try
        {
            subscriber.Body.Write(frame);
            var flush = subscriber.Body.FlushAsync();
            if (!flush.IsCompleted)
                subscriber.PendingFlush = flush.AsTask();
            else if (flush.Result.IsCompleted)
                Release(subscriber); // the client is gone: the pipe's reader has completed
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            Release(subscriber); // the connection failed or ended under the write
        }
    }

    /// <summary>Forgets a subscriber (once) and lets its request end; after this nothing writes to its response.</summary>
    private void Release(Subscriber subscriber)
    {
        var index = subscriber.Index;
        if (index < 0)
            return;
        var last = _subscribers[^1];
        _subscribers[index] = last;
        last.Index = index;
        _subscribers.RemoveAt(_subscribers.Count - 1);
        subscriber.Index = -1;
        subscriber.Released.TrySetResult();
    }

    private enum CommandKind
    {
        Subscribe,
        Leave,
        Publish,
    }

    private readonly record struct Command(CommandKind Kind, Subscriber? Subscriber, byte[]? Frame);

    private sealed class Subscriber(HttpContext http)
    {
        public HttpContext Http { get; } = http;

        public PipeWriter Body { get; } = http.Response.BodyWriter;

        /// <summary>The position in the broadcaster's list; -1 once released (or not yet subscribed).</summary>
        public int Index { get; set; } = -1;

        public Task<FlushResult>? PendingFlush { get; set; }

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
