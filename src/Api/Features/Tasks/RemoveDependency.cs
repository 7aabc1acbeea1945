using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.RemoveDependency;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Stop a task waiting for another: <c>DELETE /api/tasks/{id}/dependencies/{blockedById}</c> and the <c>remove_dependency</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class RemoveDependency
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapDelete("/{id:guid}/dependencies/{blockedById:guid}", RemoveAsync).WithName("RemoveDependency").ProducesErrors(404, 409)
            .WithSummary("Stop the task waiting for blockedById. Removing a dependency that does not exist changes nothing.");

    private static async Task<Ok<TaskDependenciesDto>> RemoveAsync(Guid id, Guid blockedById, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RemoveDependencyCommand(id, blockedById), ct));

    [McpServerTool(Name = "remove_dependency", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Stop a task waiting for another.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("The waiting task.")] string task_id,
        [Description("Task it waits for.")] string blocked_by,
        CancellationToken cancellationToken)
    {
        var dependencies = await sender.Send(
            new RemoveDependencyCommand(ToolArguments.TaskId(task_id), ToolArguments.TaskId(blocked_by, "blocked_by")), cancellationToken);
        var result = ToolDependencies.From(dependencies);
        return ToolReply.Of(result, result.Text("Dependencies of"));
    }
}
