using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TaskManager.Api.Endpoints.Requests;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.AddComment;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Tasks.Commands.DeleteTask;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Application.Tasks.Queries.GetComments;
using TaskManager.Application.Tasks.Queries.GetHistory;
using TaskManager.Application.Tasks.Queries.GetTask;
using TaskManager.Application.Tasks.Queries.GetTasks;

namespace TaskManager.Api.Endpoints;

/// <summary>/api/tasks: each route translates HTTP into one command or query and back.</summary>
public static class TaskEndpoints
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    public static RouteGroupBuilder MapTaskEndpoints(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization().ProducesErrors(ErrorResponses.Common);

        group.MapGet("/", ListAsync).WithName("ListTasks").ProducesErrors(400, 404)
            .WithSummary("List tasks, newest first, filtered and paged by cursor.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTask").ProducesErrors(404)
            .WithSummary("One task with its comments and recent history; ETag is its version.");
        group.MapPost("/", CreateAsync).WithName("CreateTask").ProducesBodyErrors(404, 409)
            .WithSummary("Create a task; a retry with the same Idempotency-Key returns the first result.");
        group.MapPut("/{id:guid}/status", ChangeStatusAsync).WithName("ChangeTaskStatus").ProducesBodyErrors(404, 409)
            .WithSummary("Change a task's status, optionally with a comment; honours If-Match.");
        group.MapPatch("/{id:guid}", PatchAsync).WithName("UpdateTask").ProducesBodyErrors(404, 409)
            .WithSummary("Change title, description, priority, complexity, assignee or repository; honours If-Match.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteTask").ProducesErrors(400, 404, 409)
            .WithSummary("Delete a task (its history is kept).");
        group.MapGet("/{id:guid}/comments", CommentsAsync).WithName("ListComments").ProducesErrors(404)
            .WithSummary("The task's comments, oldest first.");
        group.MapPost("/{id:guid}/comments", AddCommentAsync).WithName("AddComment").ProducesBodyErrors(404)
            .WithSummary("Add a comment to a task.");
        group.MapGet("/{id:guid}/history", HistoryAsync).WithName("TaskHistory").ProducesErrors(404)
            .WithSummary("The task's audit trail, oldest first.");
        return group;
    }

    private static async Task<Ok<Page<TaskDto>>> ListAsync(
        ISender sender,
        CancellationToken ct,
        [FromQuery(Name = "user_id")] string? userId = null,
        string? assignee = null,
        string? repository = null,
        string? status = null,
        string? priority = null,
        string? q = null,
        [FromQuery(Name = "updated_since")] string? updatedSince = null,
        string? limit = null,
        string? cursor = null,
        string? sort = null)
    {
        var query = new GetTasksQuery(
            Assignee: assignee ?? userId,
            Repository: repository,
            Status: status,
            Priority: priority,
            Search: q,
            UpdatedSince: QueryValues.Timestamp("updated_since", updatedSince),
            Limit: QueryValues.Integer("limit", limit),
            Cursor: cursor,
            Sort: sort);
        return TypedResults.Ok(await sender.Send(query, ct));
    }

    private static async Task<Ok<TaskDetailsDto>> GetAsync(Guid id, ISender sender, HttpResponse response, CancellationToken ct)
    {
        var task = await sender.Send(new GetTaskQuery(id), ct);
        response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Ok(task);
    }

    private static async Task<Created<TaskDto>> CreateAsync(CreateTaskRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        var result = await sender.Send(new CreateTaskCommand(body.Title, body.Description, body.AssigneeId, body.Repository,
            body.Priority, body.Complexity, body.Status, IdempotencyKey: key.Length == 0 ? null : key), ct);
        if (result.Replayed)
            http.Response.Headers["Idempotent-Replayed"] = "true";
        http.Response.Headers.ETag = ETags.For(result.Task.Version);
        return TypedResults.Created($"/api/tasks/{result.Task.Id}", result.Task);
    }

    private static async Task<Ok<TaskDto>> ChangeStatusAsync(Guid id, StatusChangeRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var task = await sender.Send(new ChangeTaskStatusCommand(id, body.Status, body.Comment, ETags.ExpectedVersion(http.Request)), ct);
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Ok(task);
    }

    private static async Task<Ok<TaskDto>> PatchAsync(Guid id, PatchTaskRequest body, ISender sender, HttpContext http, CancellationToken ct)
    {
        var task = await sender.Send(new UpdateTaskCommand(id, body.Title, body.Description, body.Priority, body.Complexity,
            body.AssigneeIdField, body.RepositoryField, ETags.ExpectedVersion(http.Request)), ct);
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Ok(task);
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ISender sender, HttpRequest request, CancellationToken ct)
    {
        await sender.Send(new DeleteTaskCommand(id, ETags.ExpectedVersion(request)), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<Page<CommentDto>>> CommentsAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCommentsQuery(id), ct));

    private static async Task<Created<CommentDto>> AddCommentAsync(Guid id, CommentRequest body, ISender sender, CancellationToken ct)
    {
        var comment = await sender.Send(new AddCommentCommand(id, body.Comment), ct);
        return TypedResults.Created($"/api/tasks/{id}/comments/{comment.Id}", comment);
    }

    private static async Task<Ok<Page<HistoryEntryDto>>> HistoryAsync(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetHistoryQuery(id), ct));
}
