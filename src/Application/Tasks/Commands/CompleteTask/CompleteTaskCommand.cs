using Mediator;

namespace TaskManager.Application.Tasks.Commands.CompleteTask;

/// <summary>Finish a task and say how: what was done and where to see it.</summary>
/// <param name="Summary">What was done; recorded as the status change's comment.</param>
/// <param name="Links">Evidence: commit, pull request or build URLs (absolute http or https).</param>
/// <param name="ExpectedVersion">From If-Match or expected_version; the change is refused when the task has moved on.</param>
/// <param name="UpdatedBy">A display label; the caller's key name (or email) when null.</param>
public sealed record CompleteTaskCommand(
    Guid TaskId,
    string? Summary,
    IReadOnlyList<string>? Links = null,
    int? ExpectedVersion = null,
    string? UpdatedBy = null) : ICommand<TaskDto>;
