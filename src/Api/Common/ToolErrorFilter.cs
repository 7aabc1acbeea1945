using System.Text.Json;
using System.Text.RegularExpressions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;

namespace TaskManager.Api.Common;

/// <summary>
/// The MCP adapter's one translation of failures: any exception from a tool (or from binding its arguments)
/// becomes <c>isError: true</c> with the contract's error JSON as text, the same code and message REST gives.
/// No structuredContent on errors: clients validate it against the tool's output schema even then.
/// </summary>
public static partial class ToolErrorFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Apply(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return Error(Translate(ex, request));
            }
        };

    public static CallToolResult Error(ErrorBody body) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = JsonSerializer.Serialize(body, WireJson.Options) }],
    };

    private static ErrorBody Translate(Exception exception, RequestContext<CallToolRequestParams> request)
    {
        if (exception is JsonException json)
            return WrongArgumentType(json);
        if (exception is ValidationException validation)
            exception = InToolTerms(validation, request.Params?.Name);
        if (ExceptionTranslator.Translate(exception) is { Body: var body })
            return body;
        if (exception is ArgumentException argument && MissingParameter().Match(argument.Message) is { Success: true } missing)
        {
            var field = missing.Groups[1].Value;
            var message = $"{field} is required.";
            return ExceptionTranslator.Validation(message, new Dictionary<string, string[]> { [field] = [message] });
        }
        // Over HTTP the request id (X-Request-Id, in every log line of the call); over stdio a fresh one.
        var correlationId = request.Services?.GetService<IHttpContextAccessor>()?.HttpContext?.TraceIdentifier ?? Guid.NewGuid().ToString("N");
        request.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolErrorFilter))
            .LogError(exception, "MCP tool {Tool} failed (correlation id {CorrelationId})", request.Params?.Name, correlationId);
        return ErrorBody.Of(ErrorCodes.InternalError, "Something went wrong on our side; quote the correlation id when you report it.",
            new Dictionary<string, object?> { ["correlation_id"] = correlationId });
    }

    /// <summary>The commands name a few fields differently from the original tool parameters; speak the agent's terms.</summary>
    private static ValidationException InToolTerms(ValidationException validation, string? tool)
    {
        if (tool != "update_task_status" || !validation.Errors.ContainsKey("status"))
            return validation;
        return new ValidationException(validation.Errors.ToDictionary(e => e.Key == "status" ? "new_status" : e.Key, e => e.Value));
    }

    /// <summary>The SDK binds each argument on its own, so the JSON path says nothing; name the expected type instead.</summary>
    private static ErrorBody WrongArgumentType(JsonException json)
    {
        var expected = ExpectedType().Match(json.Message) is { Success: true } m
            ? m.Groups[1].Value switch
            {
                var t when t.Contains("Int", StringComparison.Ordinal) => "an integer",
                var t when t.Contains("Boolean", StringComparison.Ordinal) => "true or false",
                _ => "a string",
            }
            : "the type its input schema gives";
        var message = $"An argument has the wrong type: expected {expected}. Check the tool's input schema.";
        return ExceptionTranslator.Validation(message, new Dictionary<string, string[]> { ["arguments"] = [message] });
    }

    [GeneratedRegex(@"converted to ([\w.`\[\]]+)")]
    private static partial Regex ExpectedType();

    // The SDK's binder: "The arguments dictionary is missing a value for the required parameter 'new_status'."
    [GeneratedRegex("required parameter '([^']+)'")]
    private static partial Regex MissingParameter();
}
