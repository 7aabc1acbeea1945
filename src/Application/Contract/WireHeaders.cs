namespace TaskManager.Application.Contract;

/// <summary>The HTTP headers the contract gives a meaning to, beyond the standard ones.</summary>
public static class WireHeaders
{
    /// <summary>A task's version as an entity tag: <c>"3"</c>.</summary>
    public const string ETag = "ETag";

    /// <summary>The version a write expects; a stale one is refused with 409.</summary>
    public const string IfMatch = "If-Match";

    /// <summary>A client's key for one intended create: a retry with it returns the first result.</summary>
    public const string IdempotencyKey = "Idempotency-Key";

    /// <summary>Set to <c>true</c> on the answer to such a retry.</summary>
    public const string IdempotentReplayed = "Idempotent-Replayed";

    /// <summary>The MCP API key (<c>Authorization: Bearer KEY</c> works too).</summary>
    public const string ApiKey = "X-API-Key";

    /// <summary>The request's correlation id, echoed on every answer and in every log line.</summary>
    public const string RequestId = "X-Request-Id";

    /// <summary>Where an SSE client resumes (also <c>?last_event_id=</c>).</summary>
    public const string LastEventId = "Last-Event-ID";
}
