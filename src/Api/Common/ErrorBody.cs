namespace TaskManager.Api.Common;

/// <summary>The contract's error JSON: <c>{"error": {"code", "message", "details"}}</c>, used by REST, SSE and MCP alike.</summary>
public sealed record ErrorBody(ErrorDetail Error)
{
    public static ErrorBody Of(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(new ErrorDetail(code, message, details ?? new Dictionary<string, object?>()));
}
