using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetTaskChanges;
using TaskManager.Application.Tasks.Queries.GetTasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>List tasks: <c>GET /api/tasks</c>, the <c>get_tasks</c> tool and the <c>tasks://mine</c> resource.</summary>
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

    [McpServerTool(Name = "get_tasks", ReadOnly = true, OpenWorld = false,
        UseStructuredContent = true, OutputSchemaType = typeof(ToolTaskPage))]
    [Description("Find tasks (yours by default); all filters given apply. get_task reads one in full.")]
    public static async Task<CallToolResult> Tool(
        ISender sender,
        CancellationToken cancellationToken,
        [Description("Assignee email, id or 'me'.")] string? user_id = null,
        [Description("Repository name.")] string? repository = null,
        [Description("Status(es), comma-separated.")] string? status = null,
        [Description("Same as user_id.")] string? assignee = null,
        [Description("Priority(ies), comma-separated.")] string? priority = null,
        [Description("Text search.")] string? q = null,
        [Description("Changed since (ISO-8601).")] string? updated_since = null,
        [Description("created_at or updated_at.")] string? sort = null,
        [Description("Page size (default 50).")] int? limit = null,
        [Description("From the last page.")] string? cursor = null,
        [Description("'full' for all fields.")] string? detail = null,
        [Description("Sync: '0', then next_sync_token; no filters.")] string? since_change = null)
    {
        var full = ToolArguments.Detail(detail);
        if (since_change is not null)
        {
            // A filter would hide a task that moved out of it, and the client would keep a stale copy: sync lists all.
            if (new[] { user_id, repository, status, assignee, priority, q, updated_since, sort, cursor }.Any(a => a is not null))
                throw ValidationException.For(GetTaskChangesQuery.Field,
                    $"{GetTaskChangesQuery.Field} walks every task; leave out the filters, sort and cursor, and filter your copy instead.");
            return await SyncAsync(sender, since_change, limit, full, cancellationToken);
        }
        var page = await sender.Send(new GetTasksQuery(
            Assignee: assignee ?? user_id ?? (repository is null ? Me : null),
            Repository: repository,
            Status: status,
            Priority: priority,
            Search: q,
            UpdatedSince: QueryValues.Timestamp("updated_since", updated_since),
            Limit: limit ?? Paging.AgentDefaultLimit,
            Cursor: cursor,
            Sort: sort), cancellationToken);
        var rows = page.Items.Select(full ? ToolTaskRow.Full : (Func<TaskDto, ToolTaskRow>)ToolTaskRow.Summary).ToList();
        var result = new ToolTaskPage(rows, page.NextCursor);
        return ToolReply.Of(result, result.Text());
    }

    /// <summary>
    /// The <c>tasks://mine</c> resource: the caller's open tasks (a lease holder is always the assignee, since claiming
    /// assigns), most recently changed last, as the get_tasks summary rows and their text.
    /// </summary>
    public static async Task<IList<ResourceContents>> MineResource(ISender sender, string uri, CancellationToken cancellationToken)
    {
        var page = await sender.Send(new GetTasksQuery(Assignee: Me, Status: ResourceUris.MineStatuses, Limit: Paging.MaxLimit, Sort: GetTasksQuery.ByUpdated),
            cancellationToken);
        var result = new ToolTaskPage([.. page.Items.Select(ToolTaskRow.Summary)], page.NextCursor);
        return
        [
            new TextResourceContents { Uri = uri, MimeType = ResourceUris.JsonMimeType, Text = JsonSerializer.Serialize(result, ToolJson.Options) },
            new TextResourceContents { Uri = uri, MimeType = ResourceUris.TextMimeType, Text = result.Text() },
        ];
    }

    private static async Task<CallToolResult> SyncAsync(ISender sender, string sinceChange, int? limit, bool full, CancellationToken ct)
    {
        var changes = await sender.Send(new GetTaskChangesQuery(sinceChange, limit ?? Paging.AgentDefaultLimit), ct);
        var rows = changes.Items.Where(c => c.Task is not null)
            .Select(c => full ? ToolTaskRow.Full(c.Task!) : ToolTaskRow.Summary(c.Task!)).ToList();
        var result = new ToolTaskPage(rows, null)
        {
            Deleted = changes.Items.Where(c => c.Deleted).Select(c => c.Id).ToList(),
            NextSyncToken = changes.NextSyncToken,
            HasMore = changes.HasMore,
        };
        return ToolReply.Of(result, result.Text());
    }

    private const string Me = "me";
}
