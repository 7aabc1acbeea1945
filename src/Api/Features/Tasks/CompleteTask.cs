using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.CompleteTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Finish a task with evidence: <c>POST /api/tasks/{id}/complete</c> and the <c>complete_task</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class CompleteTask
{
    /// <summary>The body of POST /api/tasks/{id}/complete.</summary>
    /// <param name="Summary">What was done.</param>
    /// <param name="Links">Where to see it: commit, pull request or build URLs.</param>
    public sealed record CompleteTaskRequest([property: Required, MaxLength(FieldLimits.Comment)] string Summary, IReadOnlyList<string>? Links = null);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteTask").ProducesBodyErrors(404, 409)
            .AcceptsHeader(WireHeaders.IfMatch).AnswersHeaders(StatusCodes.Status200OK, WireHeaders.ETag)
            .WithSummary("Complete a task with a summary and evidence links (kept in its history); ends its lease; honours If-Match.");

    private static async Task<Ok<TaskDto>> CompleteAsync(Guid id, CompleteTaskRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var task = await sender.Send(new CompleteTaskCommand(id, body.Summary, body.Links, ETags.ExpectedVersion(http.Request)), ct);
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Ok(task);
    }

    [McpServerTool(Name = "complete_task", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Finish a task, saying what was done and where to see it.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Task id.")] string task_id,
        [Description("What was done.")] string summary,
        CancellationToken cancellationToken,
        [Description("Commit, PR or build URLs.")] string[]? links = null,
        [Description("Refuse if the task changed.")] int? expected_version = null,
        [Description("Label shown as author.")] string? updated_by = null)
    {
        var task = await sender.Send(new CompleteTaskCommand(ToolArguments.TaskId(task_id), summary, links, expected_version, updated_by), cancellationToken);
        var completed = ToolTask.From(task);
        return ToolReply.Of(completed, completed.Line("Completed"));
    }
}
