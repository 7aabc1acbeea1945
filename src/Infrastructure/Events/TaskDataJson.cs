using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// The outbox keeps task JSON in a jsonb column, which prints keys sorted by length and with spaces. Events carry it
/// compact and in the order the REST API writes a task, so a consumer sees the same document either way.
/// </summary>
public static class TaskDataJson
{
    private static readonly string[] TaskOrder =
        ["id", "title", "description", "status", "priority", "complexity", "assignee", "repository", "created_by", "updated_by",
         "created_at", "updated_at", "version", "comment"];

    private static readonly string[] NestedOrder = ["id", "task_id", "email", "name", "comment", "author", "created_at"];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Normalize(string json)
    {
        using var document = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            Write(writer, document.RootElement, TaskOrder);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, string[] order)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            element.WriteTo(writer);
            return;
        }
        var properties = element.EnumerateObject()
            .OrderBy(p => Array.IndexOf(order, p.Name) is var i && i >= 0 ? i : int.MaxValue)
            .ToList();
        writer.WriteStartObject();
        foreach (var property in properties)
        {
            writer.WritePropertyName(property.Name);
            Write(writer, property.Value, NestedOrder);
        }
        writer.WriteEndObject();
    }
}
