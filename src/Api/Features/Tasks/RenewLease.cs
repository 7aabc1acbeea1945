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
using TaskManager.Application.Tasks.Commands.RenewLease;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Extend one's lease: <c>POST /api/tasks/{id}/renew</c> and the <c>renew_lease</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class RenewLease
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPost("/{id:guid}/renew", RenewAsync).WithName("RenewLease").ProducesBodyErrors(404, 409)
            .WithSummary("Extend your lease on a task you claimed; body {\"lease_seconds\"} optional.");

    private static async Task<Ok<TaskDto>> RenewAsync(Guid id, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ClaimTask.LeaseRequest? body,
        ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RenewLeaseCommand(id, body?.LeaseSeconds), ct));

    [McpServerTool(Name = "renew_lease", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Extend your lease on a task you claimed, before it expires.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Task id.")] string task_id,
        CancellationToken cancellationToken,
        [Description("New length from now, 10-86400 (default 1800).")] int? lease_seconds = null)
    {
        var task = await sender.Send(new RenewLeaseCommand(ToolArguments.TaskId(task_id), lease_seconds), cancellationToken);
        var changed = ToolTask.From(task);
        return ToolReply.Of(changed, changed.Line("Renewed"));
    }
}
