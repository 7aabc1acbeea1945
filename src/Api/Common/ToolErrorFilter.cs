using System.Text.Json;
using System.Text.RegularExpressions;
using Mediator;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks.Queries.GetTask;
using TaskManager.Domain.Common;

namespace TaskManager.Api.Common;

/// <summary>
/// The MCP adapter's one translation of failures: an unknown tool, an argument of the wrong type or name, and any
/// exception from a tool become <c>isError: true</c> with the contract's error JSON as text. Every message names the
/// fix in the agent's own terms (argument names, tool names), once: for validation, the sentences are the message and
/// <c>details.fields</c> only names the arguments. No structuredContent on errors: clients validate it against the
/// tool's output schema even then.
/// </summary>
public static partial class ToolErrorFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Apply(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (request, cancellationToken) =>
        {
            var tools = request.Services?.GetServices<McpServerTool>().ToList() ?? [];
            var tool = tools.Find(t => t.ProtocolTool.Name == request.Params?.Name);
            if (tool is null)
                return Error(ErrorBody.Of(ErrorCodes.NotFound,
                    $"There is no tool '{request.Params?.Name}'. The tools are: {string.Join(", ", tools.Select(t => t.ProtocolTool.Name))}."));
            if (ToolArgumentCheck.Problem(tool.ProtocolTool, request.Params?.Arguments) is { } problem)
                return Error(Invalid(problem.Argument, problem.Message));
            try
            {
                return await next(request, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return Error(await TranslateAsync(ex, tool.ProtocolTool, request, cancellationToken));
            }
        };

    public static CallToolResult Error(ErrorBody body) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = JsonSerializer.Serialize(body, WireJson.Options) }],
    };

    private static async Task<ErrorBody> TranslateAsync(Exception exception, Tool tool, RequestContext<CallToolRequestParams> request, CancellationToken ct)
    {
        switch (exception)
        {
            case ValidationException validation:
                return Invalid(validation.Errors.ToDictionary(e => ArgumentFor(e.Key, tool), e => e.Value));
            case ConcurrencyConflictException conflict:
                return await StaleAsync(conflict, request, ct);
            case NotFoundException notFound when ExceptionTranslator.Translate(notFound) is { Body: var body }:
                return body with { Error = body.Error with { Message = $"{notFound.Message} {WhereToLook(notFound.Resource)}" } };
            case JsonException:
                return Invalid("arguments", "An argument has the wrong type; check the tool's input schema.");
            case ArgumentException argument when MissingParameter().Match(argument.Message) is { Success: true } missing:
                return Invalid(missing.Groups[1].Value, $"{missing.Groups[1].Value} is required.");
        }
        if (ExceptionTranslator.Translate(exception) is { Body: var translated })
        {
            if (translated.Error.Code == ErrorCodes.ServiceUnavailable && LoggerFor(request) is { } logger)
                ExceptionTranslator.LogUnavailable(logger, exception, CorrelationId(request));
            return translated;
        }
        var correlationId = CorrelationId(request);
        LoggerFor(request)?.LogError(exception, "MCP tool {Tool} failed (correlation id {CorrelationId})", request.Params?.Name, correlationId);
        return ExceptionTranslator.Internal(correlationId);
    }

    /// <summary>Over HTTP the request id (X-Request-Id, in every log line of the call); over stdio a fresh one.</summary>
    private static string CorrelationId(RequestContext<CallToolRequestParams> request) =>
        request.Services?.GetService<IHttpContextAccessor>()?.HttpContext?.TraceIdentifier ?? Guid.NewGuid().ToString("N");

    private static ILogger? LoggerFor(RequestContext<CallToolRequestParams> request) =>
        request.Services?.GetService<ILoggerFactory>()?.CreateLogger(typeof(ToolErrorFilter));

    private static ErrorBody Invalid(string argument, string message) => Invalid(new Dictionary<string, string[]> { [argument] = [message] });

    private static ErrorBody Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        ErrorBody.Of(ErrorCodes.ValidationFailed,
            string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            new Dictionary<string, object?> { ["fields"] = errors.Keys.ToArray() });

    /// <summary>
    /// A stale expected_version: say what the task is now and what changed, so the agent can decide without another call.
    /// </summary>
    private static async Task<ErrorBody> StaleAsync(ConcurrencyConflictException conflict, RequestContext<CallToolRequestParams> request, CancellationToken ct)
    {
        var details = new Dictionary<string, object?>
        {
            ["expected_version"] = conflict.ExpectedVersion,
            ["current_version"] = conflict.CurrentVersion,
        };
        var changes = "";
        if (request.Params?.Arguments?.TryGetValue("task_id", out var id) == true && Guid.TryParse(id.GetString(), out var taskId)
            && request.Services?.GetService<ISender>() is { } sender)
        {
            var task = await sender.Send(new GetTaskQuery(taskId, RecentHistory: 5), ct);
            details["changes"] = task.RecentHistory.Select(h => new { h.FieldChanged, h.OldValue, h.NewValue, h.ChangedBy, h.ChangedAt }).ToList();
            changes = " Latest changes: " + string.Join("; ", task.RecentHistory.Select(h => $"{h.FieldChanged} {h.OldValue ?? "-"} -> {h.NewValue ?? "-"} by {ToolText.Actor(h.ChangedBy, h.Actor)}")) + ".";
        }
        return ErrorBody.Of(ErrorCodes.Conflict,
            $"The task is at version {conflict.CurrentVersion}, not {conflict.ExpectedVersion}.{changes} Re-read it with get_task, or retry with expected_version {conflict.CurrentVersion}.",
            details);
    }

    private static string WhereToLook(string resource) => resource switch
    {
        "task" => "Find task ids with get_tasks.",
        "user" => "Find people with list_users.",
        "repository" => "See the repositories with list_repositories.",
        _ => "",
    };

    /// <summary>The commands name a few fields differently from the tool arguments (status for new_status, assignee_id for
    /// assignee): speak the agent's terms.</summary>
    private static string ArgumentFor(string field, Tool tool)
    {
        var arguments = tool.InputSchema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => p.Name).ToList()
            : [];
        return arguments.Contains(field) ? field
            : arguments.Find(a => a.EndsWith("_" + field, StringComparison.Ordinal) || field.StartsWith(a + "_", StringComparison.Ordinal)) ?? field;
    }

    // The SDK's binder: "The arguments dictionary is missing a value for the required parameter 'new_status'."
    [GeneratedRegex("required parameter '([^']+)'")]
    private static partial Regex MissingParameter();
}
