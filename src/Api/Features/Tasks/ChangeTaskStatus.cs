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
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Move a task to another status: <c>PUT /api/tasks/{id}/status</c> and the <c>update_task_status</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class ChangeTaskStatus
{
    /// <summary>The body of PUT /api/tasks/{id}/status; a null or empty comment is no comment.</summary>
    public sealed record StatusChangeRequest([property: Required] string Status, [property: MaxLength(FieldLimits.Comment)] string? Comment = null);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPut("/{id:guid}/status", ChangeAsync).WithName("ChangeTaskStatus").ProducesBodyErrors(404, 409)
            .AcceptsHeader(WireHeaders.IfMatch).AnswersHeaders(StatusCodes.Status200OK, WireHeaders.ETag)
            .WithSummary("Change a task's status, optionally with a comment; honours If-Match.");

    private static async Task<Ok<TaskDto>> ChangeAsync(Guid id, StatusChangeRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var task = await sender.Send(new ChangeTaskStatusCommand(id, body.Status, body.Comment, ETags.ExpectedVersion(http.Request)), ct);
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Ok(task);
    }

    [McpServerTool(Name = "update_task_status", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Start, block, finish or cancel a task.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Task id.")] string task_id,
        [Description("not_started, in_progress, blocked, completed, cancelled.")] string new_status,
        CancellationToken cancellationToken,
        [Description("Why (kept in history).")] string? comment = null,
        [Description("Label shown as author.")] string? updated_by = null,
        [Description("Refuse if the task changed.")] int? expected_version = null)
    {
        var task = await sender.Send(new ChangeTaskStatusCommand(ToolArguments.TaskId(task_id), new_status, comment, expected_version, updated_by),
            cancellationToken);
        var updated = ToolTask.From(task);
        return ToolReply.Of(updated, updated.Line("Updated"));
    }
}
