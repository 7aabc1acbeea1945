using Mediator;
using TaskManager.Application.Common.Models;

namespace TaskManager.Application.Tasks.Commands.UpdateTask;

/// <summary>A partial update: null leaves a field alone; <see cref="Optional{T}"/> fields can also be cleared.</summary>
/// <param name="AssigneeId">Set to a user (UUID, email, "me") or to null to unassign.</param>
/// <param name="Repository">Set to a repository name or to null to detach.</param>
public sealed record UpdateTaskCommand(
    Guid TaskId,
    string? Title = null,
    string? Description = null,
    string? Priority = null,
    string? Complexity = null,
    Optional<string> AssigneeId = default,
    Optional<string> Repository = default,
    int? ExpectedVersion = null,
    string? UpdatedBy = null) : ICommand<TaskDto>;
