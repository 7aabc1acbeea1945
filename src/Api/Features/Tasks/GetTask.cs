using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Read one task: <c>GET /api/tasks/{id}</c> and the <c>get_task</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class GetTask
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapGet("/{id:guid}", GetAsync).WithName("GetTask").ProducesErrors(404)
            .AnswersHeaders(StatusCodes.Status200OK, WireHeaders.ETag)
            .WithSummary("One task with its dependencies, comments and recent history; ETag is its version.");

    private static async Task<Ok<TaskDetailsDto>> GetAsync(Guid id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var task = await sender.Send(new GetTaskQuery(id), ct);
        response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Ok(task);
    }

    [McpServerTool(Name = "get_task", ReadOnly = true, OpenWorld = false)]
    [Description("Read a task in full: dependencies, comments, changes.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Task id.")] string task_id,
        CancellationToken cancellationToken)
    {
        var task = await sender.Send(new GetTaskQuery(ToolArguments.TaskId(task_id)), cancellationToken);
        var details = ToolTaskDetails.From(task);
        return ToolReply.Of(details, details.Text());
    }
}
