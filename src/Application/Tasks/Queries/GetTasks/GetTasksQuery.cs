using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Tasks.Queries.GetTasks;

/// <param name="Assignee">A user's UUID, email or "me" (REST's <c>user_id</c> and <c>assignee</c>).</param>
/// <param name="Status">One status or a comma-separated list.</param>
/// <param name="Priority">One priority or a comma-separated list.</param>
/// <param name="Search">Text searched in titles and descriptions, case-insensitively.</param>
/// <param name="Sort"><c>created_at</c> (newest first, the default) or <c>updated_at</c> (oldest change first, in commit order).</param>
public sealed record GetTasksQuery(
    string? Assignee = null,
    string? Repository = null,
    string? Status = null,
    string? Priority = null,
    string? Search = null,
    DateTimeOffset? UpdatedSince = null,
    int? Limit = null,
    string? Cursor = null,
    string? Sort = null) : IQuery<Page<TaskDto>>
{
    public const string ByCreated = "created_at";
    public const string ByUpdated = "updated_at";
}
