using System.Text.Json;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>One Server-Sent Event as a client sees it: its <c>id:</c> (for a heartbeat or a resync, the position to resume from) and its JSON data.</summary>
public sealed record SseEvent(string? Id, JsonElement Data)
{
    public string Type => Data.GetProperty("type").GetString()!;

    public string? TaskId => Data.TryGetProperty("task_id", out var id) ? id.GetString() : null;

    public string? EventId => Data.TryGetProperty("event_id", out var id) ? id.GetString() : null;
}
