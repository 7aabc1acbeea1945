using System.Buffers;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Realtime;

/// <summary>
/// A published event on its way to subscribers: where it was routed, and its SSE frame for each type a recipient sees,
/// rendered the first time it is asked for and shared by every subscriber that receives it. Not thread-safe: the hub's
/// one reader (or a replay, with an instance of its own) asks for frames and queues the bytes.
/// </summary>
public sealed class LiveEvent
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private Dictionary<string, byte[]>? _frames;

    public LiveEvent(PublishedTaskEvent published)
    {
        Published = published;
        Targets = [.. TaskEvents.Targets(published.EventType, published.AssigneeId, published.Repository, published.PreviousAssigneeId,
            published.PreviousRepository)];
        OccurredAt = DateTimeOffset.TryParse(published.Timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }

    public PublishedTaskEvent Published { get; }

    /// <summary>
    /// The per-user and per-repository streams the event went to, with the type it has in each. Immutable rather than a
    /// list interface: every subscriber walks it for every event, and an interface's enumerator is an allocation each time.
    /// </summary>
    public ImmutableArray<(string Stream, string EventType)> Targets { get; }

    public string Id => Published.StreamId;

    /// <summary>
    /// The change's time (the event's <c>timestamp</c>, stamped just before its commit), which the live-update lags are
    /// measured from; null for an entry whose timestamp no relay of ours wrote.
    /// </summary>
    public DateTimeOffset? OccurredAt { get; }

    public byte[] Frame(string eventType)
    {
        _frames ??= new Dictionary<string, byte[]>(2, StringComparer.Ordinal);
        if (!_frames.TryGetValue(eventType, out var frame))
            _frames[eventType] = frame = Render(eventType);
        return frame;
    }

    private byte[] Render(string eventType)
    {
        var buffer = new ArrayBufferWriter<byte>(Published.TaskData.Length + 256);
        buffer.Write(Encoding.UTF8.GetBytes($"id: {Published.StreamId}\ndata: "));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("type", eventType);
            writer.WriteString("task_id", Published.TaskId);
            writer.WritePropertyName("task");
            // The text our relay stored and published, passed through as it is: parsing it again would only cost time.
            writer.WriteRawValue(Published.TaskData, skipInputValidation: true);
            writer.WriteString("timestamp", Published.Timestamp);
            writer.WriteString("event_id", Published.EventId);
            writer.WriteEndObject();
        }
        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
