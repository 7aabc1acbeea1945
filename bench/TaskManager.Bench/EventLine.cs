using System.Buffers.Text;
using System.Text;

namespace TaskManager.Bench;

/// <summary>Reads the few fields the SSE scenarios need from a <c>data:</c> JSON line without parsing all of it.</summary>
public static class EventLine
{
    private static readonly byte[] TimestampKey = "\"timestamp\":\""u8.ToArray();
    private static readonly byte[] EventIdKey = "\"event_id\":\""u8.ToArray();
    private static readonly byte[] Heartbeat = "\"type\":\"heartbeat\""u8.ToArray();
    private static readonly byte[] Resync = "\"type\":\"resync\""u8.ToArray();

    public static bool IsHeartbeat(ReadOnlySpan<byte> data) => data.IndexOf(Heartbeat) >= 0;

    public static bool IsResync(ReadOnlySpan<byte> data) => data.IndexOf(Resync) >= 0;

    /// <summary>The event's top-level <c>timestamp</c> (the change's time); it follows the task object, so the last one is taken.</summary>
    public static DateTime? Timestamp(ReadOnlySpan<byte> data)
    {
        var value = StringAfter(data, TimestampKey, last: true);
        if (value.IsEmpty)
            return null;
        return Utf8Parser.TryParse(value, out DateTimeOffset parsed, out _, 'O') || DateTimeOffset.TryParse(Encoding.UTF8.GetString(value), out parsed)
            ? parsed.UtcDateTime
            : null;
    }

    public static string? EventId(ReadOnlySpan<byte> data)
    {
        var value = StringAfter(data, EventIdKey, last: true);
        return value.IsEmpty ? null : Encoding.ASCII.GetString(value);
    }

    private static ReadOnlySpan<byte> StringAfter(ReadOnlySpan<byte> data, ReadOnlySpan<byte> key, bool last)
    {
        var at = last ? data.LastIndexOf(key) : data.IndexOf(key);
        if (at < 0)
            return default;
        var rest = data[(at + key.Length)..];
        var end = rest.IndexOf((byte)'"');
        return end < 0 ? default : rest[..end];
    }
}
