using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
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

    [McpServerTool(Name = "update_task_status", Title = "Update task status", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Move a task to another status when you start, block, finish or cancel work on it; returns the updated task.")]
    public static async Task<ToolTask> Tool(
        ISender sender,
        [Description("The task's id (UUID).")] string task_id,
        [Description("not_started, in_progress, blocked, completed or cancelled (case and separators do not matter: 'In Progress' works).")] string new_status,
        [Description("Name to show as the author of this change (e.g. 'claude'); the key's owner is recorded as well.")] string updated_by,
        CancellationToken cancellationToken,
        [Description("Why, recorded in the task's history.")] string? comment = null)
    {
        var task = await sender.Send(new ChangeTaskStatusCommand(ToolArguments.TaskId(task_id), new_status, comment, UpdatedBy: updated_by),
            cancellationToken);
        return ToolTask.From(task);
    }
}
