using Mediator;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

/// <param name="AssigneeId">A user's UUID or email, or "me".</param>
/// <param name="Repository">A repository name.</param>
/// <param name="CreatedBy">A display label (MCP's <c>created_by</c>); the caller's key name (or email) when null.</param>
/// <param name="IdempotencyKey">Retries with the same key return the first result and create nothing.</param>
public sealed record CreateTaskCommand(
    string? Title,
    string? Description,
    string? AssigneeId,
    string? Repository,
    string? Priority = null,
    string? Complexity = null,
    string? Status = null,
    string? CreatedBy = null,
    string? IdempotencyKey = null) : ICommand<CreateTaskResult>;
