using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Mediator;
using ModelContextProtocol.Server;
using TaskManager.Api.Mcp.Results;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Tasks.Commands.AddComment;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Tasks.Queries.GetTask;
using TaskManager.Application.Tasks.Queries.GetTasks;

namespace TaskManager.Api.Mcp;

/// <summary>
/// The MCP tools: the original design's names and parameters (snake_case, hence IDE1006 is off here), each one
/// the same command or query REST sends. Failures are thrown and turned into error results by <see cref="ToolErrorFilter"/>.
/// </summary>
[McpServerToolType]
[SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "MCP argument names are the parameter names, snake_case as designed.")]
public sealed class TaskTools(ISender sender)
{
    public const int DefaultListLimit = 50;
    public const string DefaultLabel = "ai-agent";

    [McpServerTool(Name = "get_tasks", Title = "List tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("List tasks to find work or check progress: by default those assigned to user_id; give assignee and/or repository to list those instead. "
        + "Newest first, paged (limit, cursor); long descriptions are shortened, use get_task for one task in full.")]
    public async Task<ToolTaskPage> GetTasks(
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
            Limit: limit ?? DefaultListLimit,
            Cursor: cursor), cancellationToken);
        return new ToolTaskPage([.. page.Items.Select(t => ToolTask.From(t, shorten: true))], page.NextCursor);
    }

    [McpServerTool(Name = "get_task", Title = "Get one task", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Read one task in full (whole description, all comments, latest history) before working on it or when get_tasks shortened it.")]
    public async Task<ToolTaskDetails> GetTask(
        [Description("The task's id (UUID), as get_tasks returns it.")] string task_id,
        CancellationToken cancellationToken)
    {
        var task = await sender.Send(new GetTaskQuery(TaskId(task_id)), cancellationToken);
        return new ToolTaskDetails(ToolTask.From(task), task.Comments, task.RecentHistory);
    }

    [McpServerTool(Name = "update_task_status", Title = "Update task status", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Move a task to another status when you start, block, finish or cancel work on it; returns the updated task.")]
    public async Task<ToolTask> UpdateTaskStatus(
        [Description("The task's id (UUID).")] string task_id,
        [Description("not_started, in_progress, blocked, completed or cancelled (case and separators do not matter: 'In Progress' works).")] string new_status,
        [Description("Name to show as the author of this change (e.g. 'claude'); the key's owner is recorded as well.")] string updated_by,
        CancellationToken cancellationToken,
        [Description("Why, recorded in the task's history.")] string? comment = null)
    {
        var task = await sender.Send(new ChangeTaskStatusCommand(TaskId(task_id), new_status, comment, UpdatedBy: updated_by), cancellationToken);
        return ToolTask.From(task);
    }

    [McpServerTool(Name = "create_task", Title = "Create a task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Create a task for a person or agent to do; pass idempotency_key so a retry after a timeout does not create it twice.")]
    public async Task<ToolTask> CreateTask(
        [Description("Short title, at most 255 characters.")] string title,
        [Description("What needs doing and how to tell it is done.")] string description,
        [Description("Who should do it: a user's email, UUID or 'me'.")] string assignee_id,
        [Description("The repository it belongs to, by name.")] string repository,
        CancellationToken cancellationToken,
        [Description("low, medium, high or urgent.")] string priority = "medium",
        [Description("low, medium or high.")] string complexity = "medium",
        [Description("Name to show as the creator (e.g. 'claude'); the key's owner is recorded as well.")] string created_by = DefaultLabel,
        [Description("Any unique string (e.g. a UUID) for this intended task: repeating the call with it returns the first result and creates nothing.")]
        string? idempotency_key = null)
    {
        var result = await sender.Send(new CreateTaskCommand(title, description, assignee_id, repository, priority, complexity,
            CreatedBy: created_by, IdempotencyKey: idempotency_key), cancellationToken);
        return ToolTask.From(result.Task);
    }

    [McpServerTool(Name = "add_task_comment", Title = "Comment on a task", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = false,
        UseStructuredContent = true)]
    [Description("Add a comment to a task to report progress, ask a question or leave notes for whoever works on it next.")]
    public async Task<ToolCommentResult> AddTaskComment(
        [Description("The task's id (UUID).")] string task_id,
        [Description("The comment text.")] string comment,
        CancellationToken cancellationToken,
        [Description("Name to show as the comment's author (e.g. 'claude'); the key's owner is recorded as well.")] string author = DefaultLabel)
    {
        var id = TaskId(task_id);
        var added = await sender.Send(new AddCommentCommand(id, comment, author), cancellationToken);
        var task = await sender.Send(new GetTaskQuery(id, RecentHistory: 0), cancellationToken);
        return new ToolCommentResult(added, ToolTask.From(task));
    }

    private static Guid TaskId(string value) =>
        Guid.TryParse(value?.Trim(), out var id)
            ? id
            : throw ValidationException.For("task_id", $"'{value}' is not a task id; pass the id (a UUID) that get_tasks or create_task returned.");
}
