using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.ReleaseTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Give a claimed task back to the pool: <c>POST /api/tasks/{id}/release</c> and the <c>release_task</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class ReleaseTask
{
    /// <summary>The optional body of POST /api/tasks/{id}/release.</summary>
    public sealed record ReleaseRequest(string? Comment);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPost("/{id:guid}/release", ReleaseAsync).WithName("ReleaseTask").ProducesBodyErrors(404, 409)
            .WithSummary("Give back a task you claimed: not_started, unassigned, lease ended.");

    private static async Task<Ok<TaskDto>> ReleaseAsync(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ReleaseRequest? body,
        ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ReleaseTaskCommand(id, body?.Comment), ct));

    [McpServerTool(Name = "release_task", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Give back a task you claimed: unassigned and not_started, for others.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Task id.")] string task_id,
        CancellationToken cancellationToken,
        [Description("Why; kept in the history.")] string? comment = null)
    {
        var task = await sender.Send(new ReleaseTaskCommand(ToolArguments.TaskId(task_id), comment), cancellationToken);
        var changed = ToolTask.From(task);
        return ToolReply.Of(changed, changed.Line("Released"));
    }
}
