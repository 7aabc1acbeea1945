using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TaskManager.Bench;

/// <summary>
/// One SSE subscriber on a raw socket: a hand-written GET, then chunked-body decoding and line splitting, with a
/// small buffer. Ten thousand of these cost the generator a few tens of MB, where as many HttpClient streams would
/// cost far more and compete with the server for the same two cores.
/// </summary>
public sealed class SseConnection(IPEndPoint server, string pathAndQuery, SseConnection.LineHandler onLine)
{
    /// <summary>Called for every <c>data:</c> line with the bytes after "data: " and the wall-clock time the read completed.</summary>
    public delegate void LineHandler(SseConnection connection, ReadOnlySpan<byte> data, DateTime receivedAt);

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] IdPrefix = "id: "u8.ToArray();
    private static readonly byte[] SubscribedComment = ": subscribed"u8.ToArray();

    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private byte[] _line = new byte[4096];
    private int _lineLength;
    private bool _chunked;
    private long _chunkLeft = -1; // -1: reading a chunk-size line; 0: reading the CRLF after a chunk
    private readonly StringBuilder _sizeLine = new();

    public string? LastEventId { get; private set; }

    public int Index { get; init; }

    /// <summary>Completes when the server's ": subscribed" comment arrived: from then on nothing is missed.</summary>
    public Task Subscribed => _subscribed.Task;

    /// <summary>Connects, subscribes and reads until the server closes or <paramref name="ct"/> fires; never throws for I/O.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(server, ct);
            var lastId = LastEventId is null ? "" : $"Last-Event-ID: {LastEventId}\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(
                $"GET {pathAndQuery} HTTP/1.1\r\nHost: {server}\r\nAccept: text/event-stream\r\n{lastId}\r\n"), ct);
            var buffer = new byte[8192];
            var headerDone = false;
            var header = new MemoryStream();
            while (!ct.IsCancellationRequested)
            {
                var read = await socket.ReceiveAsync(buffer, ct);
                if (read == 0)
                    return;
                var now = DateTime.UtcNow;
                var span = buffer.AsSpan(0, read);
                if (!headerDone)
                {
                    header.Write(span);
                    var text = Encoding.ASCII.GetString(header.GetBuffer(), 0, (int)header.Length);
                    var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                    if (end < 0)
                        continue;
                    if (!text.StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
                        throw new InvalidOperationException($"SSE handshake failed: {text[..Math.Min(text.Length, 300)]}");
                    _chunked = text[..end].Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase);
                    headerDone = true;
                    var bodyBytes = Encoding.ASCII.GetByteCount(text[..(end + 4)]);
                    span = header.GetBuffer().AsSpan(bodyBytes, (int)header.Length - bodyBytes);
                }
                Body(span, now);
            }
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException or IOException)
        {
            // The scenario decides whether a closed stream matters (the recovery scenario reconnects).
        }
        catch (InvalidOperationException e)
        {
            _subscribed.TrySetException(e);
        }
    }

    private void Body(ReadOnlySpan<byte> span, DateTime now)
    {
        if (!_chunked)
        {
            Lines(span, now);
            return;
        }
        while (span.Length > 0)
        {
            if (_chunkLeft > 0)
            {
                var take = (int)Math.Min(_chunkLeft, span.Length);
                Lines(span[..take], now);
                _chunkLeft -= take;
                span = span[take..];
                if (_chunkLeft == 0)
                    _chunkLeft = -2; // expect the CRLF that ends the chunk data
                continue;
            }
            var newline = span.IndexOf((byte)'\n');
            if (newline < 0)
            {
                _sizeLine.Append(Encoding.ASCII.GetString(span));
                return;
            }
            _sizeLine.Append(Encoding.ASCII.GetString(span[..newline]));
            span = span[(newline + 1)..];
            var line = _sizeLine.ToString().Trim();
            _sizeLine.Clear();
            if (_chunkLeft == -2)
            {
                _chunkLeft = -1; // that was the empty line after chunk data; a size line follows
                continue;
            }
            var semicolon = line.IndexOf(';', StringComparison.Ordinal);
            _chunkLeft = Convert.ToInt64(semicolon >= 0 ? line[..semicolon] : line, 16);
            if (_chunkLeft == 0)
                return; // last chunk: the server ended the stream
        }
    }

    private void Lines(ReadOnlySpan<byte> span, DateTime now)
    {
        while (span.Length > 0)
        {
            var newline = span.IndexOf((byte)'\n');
            var part = newline < 0 ? span : span[..newline];
            if (_lineLength + part.Length > _line.Length)
                Array.Resize(ref _line, Math.Max(_line.Length * 2, _lineLength + part.Length));
            part.CopyTo(_line.AsSpan(_lineLength));
            _lineLength += part.Length;
            if (newline < 0)
                return;
            span = span[(newline + 1)..];
            var line = _line.AsSpan(0, _lineLength).TrimEnd((byte)'\r');
            _lineLength = 0;
            if (line.StartsWith(DataPrefix))
                onLine(this, line[DataPrefix.Length..], now);
            else if (line.StartsWith(IdPrefix))
                LastEventId = Encoding.ASCII.GetString(line[IdPrefix.Length..]);
            else if (line.StartsWith(SubscribedComment))
                _subscribed.TrySetResult();
        }
    }
}
