using Mediator;

namespace TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

/// <param name="ExpectedVersion">From If-Match; the change is refused when the task has moved on.</param>
/// <param name="UpdatedBy">A display label (MCP's <c>updated_by</c>); the caller's key name (or email) when null.</param>
public sealed record ChangeTaskStatusCommand(Guid TaskId, string? Status, string? Comment, int? ExpectedVersion = null, string? UpdatedBy = null)
    : ICommand<TaskDto>;
