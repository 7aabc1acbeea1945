using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.AddDependency;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Make a task wait for another: <c>POST /api/tasks/{id}/dependencies</c> and the <c>add_dependency</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class AddDependency
{
    /// <summary>The body of POST /api/tasks/{id}/dependencies.</summary>
    public sealed record DependencyRequest([property: Required] Guid? BlockedBy);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPost("/{id:guid}/dependencies", AddAsync).WithName("AddDependency").ProducesBodyErrors(404, 409)
            .WithSummary("Make the task wait for blocked_by; 409 names the cycle it would close. Adding an existing one changes nothing.");

    private static async Task<Ok<TaskDependenciesDto>> AddAsync(Guid id, DependencyRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new AddDependencyCommand(id, body.BlockedBy), ct));

    [McpServerTool(Name = "add_dependency", Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Make a task wait until another is finished.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("The waiting task.")] string task_id,
        [Description("Task to wait for.")] string blocked_by,
        CancellationToken cancellationToken)
    {
        var dependencies = await sender.Send(
            new AddDependencyCommand(ToolArguments.TaskId(task_id), ToolArguments.TaskId(blocked_by, "blocked_by")), cancellationToken);
        var result = ToolDependencies.From(dependencies);
        return ToolReply.Of(result, result.Text("Dependencies of"));
    }
}
