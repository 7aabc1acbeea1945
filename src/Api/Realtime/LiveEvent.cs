using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using TaskManager.Application.Common.Events;

namespace TaskManager.Api.Realtime;

/// <summary>
/// A published event on its way to subscribers, with its SSE frame rendered once per event type (the event's own, and
/// task_updated for subscribers it reaches because the task left them) however many subscribers receive it.
/// </summary>
public sealed class LiveEvent(PublishedTaskEvent published)
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private byte[]? _ownFrame;
    private byte[]? _updatedFrame;

    public PublishedTaskEvent Published { get; } = published;

    public string Id => Published.StreamId;

    public byte[] Frame(string eventType) =>
        eventType == Published.EventType
            ? _ownFrame ??= Render(eventType)
            : _updatedFrame ??= Render(eventType);

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
            writer.WriteRawValue(Published.TaskData);
            writer.WriteString("timestamp", Published.Timestamp);
            writer.WriteString("event_id", Published.EventId);
            writer.WriteEndObject();
        }
        buffer.Write("\n\n"u8);
        return buffer.WrittenSpan.ToArray();
    }
}
