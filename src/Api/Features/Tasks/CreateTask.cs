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
using TaskManager.Application.Tasks.Commands.CreateTask;

namespace TaskManager.Api.Features.Tasks;

/// <summary>Create a task: <c>POST /api/tasks</c> and the <c>create_task</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class CreateTask
{
    /// <summary>
    /// The body of POST /api/tasks. Only <c>title</c> is required; null or "" in any other field means the same as
    /// leaving it out: no description, unassigned, no repository, or the default priority, complexity and status.
    /// </summary>
    /// <param name="Title">Declared as a client must send it; a missing or null title still reaches the validator, which says so.</param>
    /// <param name="AssigneeId">A user's UUID or email, or "me".</param>
    /// <param name="Repository">A repository, by name.</param>
    public sealed record CreateTaskRequest(
        [property: Required, MaxLength(FieldLimits.TaskTitle)] string Title,
        [property: MaxLength(FieldLimits.TaskDescription)] string? Description = null,
        [property: MaxLength(FieldLimits.UserReference)] string? AssigneeId = null,
        [property: MaxLength(FieldLimits.RepositoryName)] string? Repository = null,
        string? Priority = null,
        string? Complexity = null,
        string? Status = null);

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapPost("/", CreateAsync).WithName("CreateTask").ProducesBodyErrors(403, 404, 409)
            .AcceptsHeader(WireHeaders.IdempotencyKey).AnswersHeaders(StatusCodes.Status201Created, WireHeaders.ETag, WireHeaders.IdempotentReplayed)
            .WithSummary("Create a task; a retry with the same Idempotency-Key returns the first result.");

    private static async Task<Created<TaskDto>> CreateAsync(CreateTaskRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var key = http.Request.Headers[WireHeaders.IdempotencyKey].ToString();
        var result = await sender.Send(new CreateTaskCommand(body.Title, body.Description, NoValue.IfBlank(body.AssigneeId),
            NoValue.IfBlank(body.Repository), NoValue.IfBlank(body.Priority), NoValue.IfBlank(body.Complexity), NoValue.IfBlank(body.Status),
            IdempotencyKey: key.Length == 0 ? null : key), ct);
        if (result.Replayed)
            http.Response.Headers[WireHeaders.IdempotentReplayed] = "true";
        http.Response.Headers.ETag = ETags.For(result.Task.Version);
        return TypedResults.Created($"/api/tasks/{result.Task.Id}", result.Task);
    }

    [McpServerTool(Name = "create_task", Destructive = false, Idempotent = false, OpenWorld = false)]
    [Description("Create a task; no assignee_id puts it in the pool.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        [Description("Short title."), MaxLength(FieldLimits.TaskTitle)] string title,
        [Description("What and when done.")] string description,
        [Description("Repository name.")] string repository,
        CancellationToken cancellationToken,
        [Description("Email, id or 'me'.")] string? assignee_id = null,
        [Description("low, medium, high, urgent.")] string? priority = null,
        [Description("low, medium, high.")] string? complexity = null,
        [Description("Label shown as creator.")] string? created_by = null,
        [Description("Retries with it create once.")] string? idempotency_key = null)
    {
        var result = await sender.Send(new CreateTaskCommand(title, description, assignee_id, repository, priority, complexity,
            CreatedBy: created_by, IdempotencyKey: idempotency_key), cancellationToken);
        var task = ToolTask.From(result.Task);
        return ToolReply.Of(task, task.Line(result.Replayed ? "Already created" : "Created"));
    }
}
