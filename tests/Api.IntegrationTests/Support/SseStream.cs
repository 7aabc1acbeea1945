using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// A test's EventSource: opens <c>/api/tasks/stream</c>, parses the events in the background and lets a test wait for
/// them (with a timeout, never a fixed sleep). Heartbeats are kept apart from task events.
/// </summary>
public sealed class SseStream : IAsyncDisposable
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<SseEvent> _events = Channel.CreateUnbounded<SseEvent>();
    private readonly List<SseEvent> _received = [];
    private readonly Task _reader;

    private SseStream(HttpResponseMessage response, string preamble, Stream body)
    {
        _response = response;
        Preamble = preamble;
        _reader = Task.Run(() => ReadAsync(body));
    }

    /// <summary>What came before the first event: the <c>retry:</c> line and the <c>: subscribed</c> comment.</summary>
    public string Preamble { get; }

    public HttpResponseHeaders Headers => _response.Headers;

    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Completes when the server ended the stream (or dropped the connection).</summary>
    public Task Ended => _reader;

    public int HeartbeatCount { get; private set; }

    /// <summary>The <c>id:</c> of the latest heartbeat: the position the server says the client can resume from.</summary>
    public string? LastHeartbeatId { get; private set; }

    /// <summary>Opens a stream; returns once the server said it is subscribed.</summary>
    public static async Task<SseStream> OpenAsync(HttpClient client, string query = "", string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks/stream" + query);
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
            request.Headers.Add("Last-Event-ID", lastEventId);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            response.Dispose();
            throw new HttpRequestException($"The stream answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        }
        var stream = await response.Content.ReadAsStreamAsync();
        var preamble = await ReadPreambleAsync(stream);
        return new SseStream(response, preamble, stream);
    }

    /// <summary>The next task event (heartbeats skipped).</summary>
    public async Task<SseEvent> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _events.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No event arrived within {(timeout ?? DefaultTimeout).TotalSeconds} s.");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException("The stream ended before the next event arrived.");
        }
    }

    /// <summary>The next <paramref name="count"/> task events, in order.</summary>
    public async Task<IReadOnlyList<SseEvent>> NextAsync(int count, TimeSpan? timeout = null)
    {
        var events = new List<SseEvent>();
        for (var i = 0; i < count; i++)
            events.Add(await NextAsync(timeout));
        return events;
    }

    /// <summary>Reads events until one matches, returning all read up to and including it.</summary>
    public async Task<IReadOnlyList<SseEvent>> UntilAsync(Func<SseEvent, bool> match, TimeSpan? timeout = null)
    {
        var events = new List<SseEvent>();
        while (true)
        {
            var next = await NextAsync(timeout);
            events.Add(next);
            if (match(next))
                return events;
        }
    }

    /// <summary>Events received so far (including ones not yet taken by <see cref="NextAsync(TimeSpan?)"/>).</summary>
    public IReadOnlyList<SseEvent> Received
    {
        get
        {
            lock (_received)
                return [.. _received];
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        await _reader.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    /// <summary>Reads the bytes before the first event (a raw client that then stops reading uses this too).</summary>
    public static async Task<string> ReadPreambleAsync(Stream stream)
    {
        // Byte by byte up to the first blank line: nothing is buffered past it, so the reader starts at an event.
        var bytes = new List<byte>();
        var one = new byte[1];
        while (!(bytes.Count >= 2 && bytes[^1] == '\n' && bytes[^2] == '\n'))
        {
            if (await stream.ReadAsync(one) == 0)
                throw new InvalidOperationException("The stream ended before it said it was subscribed.");
            bytes.Add(one[0]);
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private async Task ReadAsync(Stream body)
    {
        try
        {
            using var reader = new StreamReader(body, Encoding.UTF8);
            string? id = null;
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (data.Length > 0)
                        Deliver(new SseEvent(id, JsonDocument.Parse(data.ToString()).RootElement.Clone()));
                    id = null;
                    data.Clear();
                }
                else if (line.StartsWith("id: ", StringComparison.Ordinal))
                    id = line[4..];
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                    data.Append(line[6..]);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or HttpRequestException or ObjectDisposedException)
        {
            // The connection was dropped (a cut-off subscriber) or the test closed it.
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private void Deliver(SseEvent e)
    {
        if (e.Type == "heartbeat")
        {
            LastHeartbeatId = e.Id;
            HeartbeatCount++;
            return;
        }
        lock (_received)
            _received.Add(e);
        _events.Writer.TryWrite(e);
    }
}
