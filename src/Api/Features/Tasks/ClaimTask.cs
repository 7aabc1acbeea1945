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
using TaskManager.Application.Tasks.Commands.ClaimTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Claim a chosen task: <c>POST /api/tasks/{id}/claim</c> and the <c>claim_task</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class ClaimTask
{
    /// <summary>The optional body of the claim and renew routes.</summary>
    public sealed record LeaseRequest(int? LeaseSeconds);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPost("/{id:guid}/claim", ClaimAsync).WithName("ClaimTask").ProducesBodyErrors(404, 409)
            .WithSummary("Claim this task (assign to you, in_progress, lease); 409 names who holds it and until when.");

    private static async Task<Ok<TaskDto>> ClaimAsync(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] LeaseRequest? body,
        ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ClaimTaskCommand(id, body?.LeaseSeconds), ct));

    [McpServerTool(Name = "claim_task", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Claim this task for yourself with a lease; fails naming the holder if taken.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Task id.")] string task_id,
        CancellationToken cancellationToken,
        [Description("Lease length, 10-86400 (default 1800).")] int? lease_seconds = null)
    {
        var task = await sender.Send(new ClaimTaskCommand(ToolArguments.TaskId(task_id), lease_seconds), cancellationToken);
        var changed = ToolTask.From(task);
        return ToolReply.Of(changed, changed.Line("Claimed"));
    }
}
