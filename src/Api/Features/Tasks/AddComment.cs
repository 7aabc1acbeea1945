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
using TaskManager.Application.Tasks.Commands.AddComment;
using TaskManager.Application.Tasks.Queries.GetTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Comment on a task: <c>POST /api/tasks/{id}/comments</c> and the <c>add_task_comment</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class AddComment
{
    /// <summary>The body of POST /api/tasks/{id}/comments.</summary>
    public sealed record CommentRequest([property: Required, MaxLength(FieldLimits.Comment)] string Comment);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPost("/{id:guid}/comments", AddAsync).WithName("AddComment").ProducesBodyErrors(404)
            .WithSummary("Add a comment to a task.");

    private static async Task<Created<CommentDto>> AddAsync(Guid id, CommentRequest body, ISender sender, CancellationToken ct)
    {
        var comment = await sender.Send(new AddCommentCommand(id, body.Comment), ct);
        return TypedResults.Created($"/api/tasks/{id}/comments/{comment.Id}", comment);
    }

    [McpServerTool(Name = "add_task_comment", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Comment on a task: progress, questions, notes.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Task id.")] string task_id,
        [Description("The comment.")] string comment,
        CancellationToken cancellationToken,
        [Description("Label shown as author.")] string? author = null)
    {
        var id = ToolArguments.TaskId(task_id);
        var added = await sender.Send(new AddCommentCommand(id, comment, author), cancellationToken);
        var task = await sender.Send(new GetTaskQuery(id, RecentHistory: 0), cancellationToken);
        var commented = ToolTask.From(task);
        return ToolReply.Of(new ToolCommentResult(added, commented), commented.Line($"Commented as {ToolText.Actor(added.Author, added.Actor)} on"));
    }
}
