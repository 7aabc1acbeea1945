using System.Data.Common;
using System.Text.Json;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;
using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.Api.Common;

/// <summary>
/// The one mapping from exceptions to the contract's errors, shared by the HTTP exception handler and the MCP
/// tool filter so an agent and an editor get the same code and message for the same mistake.
/// </summary>
public static partial class ExceptionTranslator
{
    /// <summary>How long a client should wait before sending a request the database could not serve again (503).</summary>
    public const int UnavailableRetryAfterSeconds = 2;

    /// <returns>The HTTP status and body, or null for an unexpected exception (an internal error).</returns>
    public static (int Status, ErrorBody Body)? Translate(Exception exception) => exception switch
    {
        ValidationException e => (400, Validation(e.Message, e.Errors)),
        ConcurrencyConflictException e => (409, ErrorBody.Of(ErrorCodes.Conflict, e.Message,
            new Dictionary<string, object?> { ["expected_version"] = e.ExpectedVersion, ["current_version"] = e.CurrentVersion })),
        TaskHeldException e => (409, ErrorBody.Of(ErrorCodes.Conflict, e.Message, new Dictionary<string, object?>
        {
            ["task_id"] = e.TaskId,
            ["lease_holder"] = e.Holder,
            ["lease_expires_at"] = e.Until,
        })),
        DependencyCycleException e => (409, ErrorBody.Of(ErrorCodes.Conflict, e.Message, new Dictionary<string, object?>
        {
            ["cycle"] = e.Cycle.Select(t => new { id = t.Id, title = t.Title }).ToList(),
        })),
        DomainException { Field: { } field } e => (400, Validation(e.Message, new Dictionary<string, string[]> { [field] = [e.Message] })),
        DomainException e => (409, ErrorBody.Of(ErrorCodes.Conflict, e.Message)),
        NotFoundException e => (404, ErrorBody.Of(ErrorCodes.NotFound, e.Message, new Dictionary<string, object?>
        {
            ["resource"] = e.Resource,
            ["key"] = e.Key,
            ["suggestions"] = e.Suggestions,
        })),
        ConflictException e => (409, ErrorBody.Of(ErrorCodes.Conflict, e.Message, e.Details)),
        ResyncRequiredException e => (410, ErrorBody.Of(ErrorCodes.ResyncRequired, e.Message, new Dictionary<string, object?>
        {
            ["field"] = e.Field,
            ["restart_with"] = SyncToken.StartText,
        })),
        ForbiddenException e => (403, ErrorBody.Of(ErrorCodes.Forbidden, e.Message)),
        BadHttpRequestException { StatusCode: 413 } => (413, ErrorBody.Of(ErrorCodes.PayloadTooLarge, "The request body is too large.")),
        BadHttpRequestException { InnerException: JsonException json } => (400, MalformedJson(json)),
        BadHttpRequestException e => (e.StatusCode, ErrorBody.Of(ErrorCodes.ForStatus(e.StatusCode), Readable(e.Message))),
        JsonException json => (400, MalformedJson(json)),
        var e when FromAnUnavailableDatabase(e) => (503, ErrorBody.Of(ErrorCodes.ServiceUnavailable,
            $"The database is unreachable or has no free connection right now; retry in {UnavailableRetryAfterSeconds} s. A change cut short "
            + "this way may or may not have been saved: read the task before sending it again, or send creates with an Idempotency-Key.",
            new Dictionary<string, object?> { ["retry_after_seconds"] = UnavailableRetryAfterSeconds })),
        _ => null,
    };

    /// <summary>
    /// PostgreSQL refused or dropped the connection, had no slot left, or did not answer in time: failures its driver marks
    /// transient, often wrapped by EF Core's execution strategy. Not a fault of the request or of the code, so a 503 the
    /// client can retry rather than a 500 to report.
    /// </summary>
    private static bool FromAnUnavailableDatabase(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true })
                return true;
        }
        return false;
    }

    /// <summary>
    /// Logs an answered <see cref="ErrorCodes.ServiceUnavailable"/> as a warning: not a bug, so no stack trace, but an operator
    /// should see the outage even where no database layer logs it (sign-in's user look-up reaches PostgreSQL without EF Core).
    /// REST and MCP both answer it, so both call this.
    /// </summary>
    public static void LogUnavailable(ILogger logger, Exception exception, string correlationId) =>
        LogDatabaseUnavailable(logger, correlationId, exception.GetBaseException().Message);

    /// <summary>What an unexpected failure answers: nothing of its cause, only the id that finds its log line.</summary>
    public static ErrorBody Internal(string correlationId) =>
        ErrorBody.Of(ErrorCodes.InternalError, "Something went wrong on our side; quote the correlation id when you report it.",
            new Dictionary<string, object?> { ["correlation_id"] = correlationId });

    public static ErrorBody Validation(string message, IReadOnlyDictionary<string, string[]> errors) =>
        ErrorBody.Of(ErrorCodes.ValidationFailed, message, new Dictionary<string, object?> { ["errors"] = errors });

    private static ErrorBody MalformedJson(JsonException json)
    {
        if (StrictBodies.UnknownField(json) is { } unknown)
            return Validation(unknown.Message, unknown.Errors);
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        var message = json.Path is null or "$"
            ? "The request body is not valid JSON."
            : $"The value of '{field}' has the wrong type or is malformed.";
        return Validation(message, new Dictionary<string, string[]> { [field] = [message] });
    }

    /// <summary>Framework messages name C# parameters ("Failed to read parameter "CreateTaskRequest body""); say it plainly.</summary>
    private static string Readable(string message) =>
        message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase)
            ? "A JSON request body is required."
            : message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) || message.Contains("content type", StringComparison.OrdinalIgnoreCase)
                ? "Send the body as JSON with Content-Type: application/json."
                : message;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503: the database is unavailable ({Reason}) (correlation id {CorrelationId})")]
    private static partial void LogDatabaseUnavailable(ILogger logger, string correlationId, string reason);
}
