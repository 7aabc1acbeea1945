namespace TaskManager.Api.Endpoints.Requests;

/// <summary>POST /api/tasks. <c>assignee_id</c> is a user's UUID or email (or "me"); <c>repository</c> a repository name.</summary>
public sealed record CreateTaskRequest(
    string? Title,
    string? Description,
    string? AssigneeId,
    string? Repository,
    string? Priority,
    string? Complexity,
    string? Status);
