using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetTasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>List tasks: <c>GET /api/tasks</c> and the <c>get_tasks</c> tool.</summary>
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public static class GetTasks
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Tasks().MapGet("/", ListAsync).WithName("ListTasks").ProducesErrors(400, 404)
            .WithSummary("List tasks, newest first, filtered and paged by cursor.");

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

    [McpServerTool(Name = "get_tasks", Title = "List tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("List tasks to find work or check progress: by default those assigned to user_id; give assignee and/or repository to list those instead. "
        + "Newest first, paged (limit, cursor); long descriptions are shortened, use get_task for one task in full.")]
    public static async Task<ToolTaskPage> Tool(
        ISender sender,
        [Description("Whose tasks to list: a user's email, UUID or 'me' (the key's owner). Ignored when assignee or repository is given.")] string user_id,
        CancellationToken cancellationToken,
        [Description("Only tasks in this repository (by name), whoever they are assigned to unless assignee is also given.")] string? repository = null,
        [Description("Only tasks in this status, or a comma-separated list: not_started, in_progress, blocked, completed, cancelled.")] string? status = null,
        [Description("Only tasks assigned to this user (email, UUID or 'me'); overrides user_id.")] string? assignee = null,
        [Description("Page size, 1 to 500 (default 50).")] int? limit = null,
        [Description("next_cursor of the previous page, to continue a listing.")] string? cursor = null)
    {
        var page = await sender.Send(new GetTasksQuery(
            Assignee: assignee ?? (repository is null ? user_id : null),
            Repository: repository,
            Status: status,
            Limit: limit ?? Paging.AgentDefaultLimit,
            Cursor: cursor), cancellationToken);
        return new ToolTaskPage([.. page.Items.Select(t => ToolTask.From(t, shorten: true))], page.NextCursor);
    }
}
