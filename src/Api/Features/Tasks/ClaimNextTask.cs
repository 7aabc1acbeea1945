using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks.Commands.ClaimNextTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Take the most urgent ready task: <c>POST /api/tasks/claim</c> and the <c>claim_next_task</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class ClaimNextTask
{
    /// <summary>The body of POST /api/tasks/claim; every field is optional, and so is the body.</summary>
    public sealed record ClaimNextRequest(string? Repository, string? Priority, int? LeaseSeconds);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPost("/claim", ClaimAsync).WithName("ClaimNextTask").ProducesBodyErrors(404)
            .WithSummary("Claim the most urgent ready task: assigned to you, in_progress, leased. No task is ready: task null and the reason.");

    private static async Task<Ok<ClaimResult>> ClaimAsync([FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] ClaimNextRequest? body,
        ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ClaimNextTaskCommand(body?.Repository, body?.Priority, body?.LeaseSeconds), ct));

    [McpServerTool(Name = "claim_next_task", Destructive = false, Idempotent = false,
        OpenWorld = false)]
    [Description("Take the most urgent ready task: assigned to you, in_progress, leased to you.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        CancellationToken cancellationToken,
        [Description("Only this repository.")] string? repository = null,
        [Description("Only this priority.")] string? priority = null,
        [Description("Lease length, 10-86400 (default 1800).")] int? lease_seconds = null)
    {
        var result = await sender.Send(new ClaimNextTaskCommand(repository, priority, lease_seconds), cancellationToken);
        return ToolReply.Of(ToolClaim.From(result), result.Task is { } task ? ToolTask.From(task).Line("Claimed") : result.Reason!);
    }
}
