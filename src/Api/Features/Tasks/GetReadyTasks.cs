using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetReadyTasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>What can start now: <c>GET /api/tasks/ready</c> and the <c>get_ready_tasks</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class GetReadyTasks
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapGet("/ready", ListAsync).WithName("ListReadyTasks").ProducesErrors(400, 404)
            .WithSummary("Tasks you could claim now (not_started, unassigned or yours, no open blocker), most urgent then oldest; one page.");

    private static async Task<Ok<Page<TaskDto>>> ListAsync(ISender sender, CancellationToken ct, string? repository = null, string? limit = null) =>
        // The list is the head of the queue, not a listing to page through: next_cursor is always null.
        TypedResults.Ok(new Page<TaskDto>(await sender.Send(new GetReadyTasksQuery(repository, QueryValues.Integer("limit", limit)), ct), null));

    [McpServerTool(Name = "get_ready_tasks", ReadOnly = true, OpenWorld = false)]
    [Description("Tasks you could claim now, in claim order.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        CancellationToken cancellationToken,
        [Description("Only this repository.")] string? repository = null,
        [Description("At most (default 50).")] int? limit = null)
    {
        var tasks = await sender.Send(new GetReadyTasksQuery(repository, limit), cancellationToken);
        var result = new ToolTaskPage([.. tasks.Select(ToolTaskRow.Summary)], null);
        return ToolReply.Of(result, result.Text());
    }
}
