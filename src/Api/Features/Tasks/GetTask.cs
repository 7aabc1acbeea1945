using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Read one task: <c>GET /api/tasks/{id}</c>, the <c>get_task</c> tool and the <c>task://{id}</c> resource.</summary>
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

    /// <summary>
    /// The <c>task://{id}</c> resource: the REST body, so a program parses one shape everywhere, and the get_task text,
    /// which costs a model less than half the JSON's tokens; a client puts whichever it wants into context.
    /// </summary>
    public static async Task<IList<ResourceContents>> Resource(ISender sender, Guid id, string uri, CancellationToken cancellationToken)
    {
        var task = await sender.Send(new GetTaskQuery(id), cancellationToken);
        return
        [
            new TextResourceContents { Uri = uri, MimeType = ResourceUris.JsonMimeType, Text = JsonSerializer.Serialize(task, WireJson.Options) },
            new TextResourceContents { Uri = uri, MimeType = ResourceUris.TextMimeType, Text = ToolTaskDetails.From(task).Text() },
        ];
    }
}
