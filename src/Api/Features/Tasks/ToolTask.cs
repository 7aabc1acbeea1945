using System.ComponentModel;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>One task with every field, as the single-task and write tools return it.</summary>
/// <remarks>Output schemas carry no property descriptions (see McpServerDefinition): each costs every agent context tokens.</remarks>
[Description("A task.")]
public sealed record ToolTask(
    Guid Id,
    string Title,
    string? Description,
    string Status,
    string Priority,
    string Complexity,
    ToolUser? Assignee,
    string? Repository,
    string CreatedBy,
    string UpdatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version,
    string? LeaseHolder,
    DateTimeOffset? LeaseExpiresAt)
{
    /// <summary>What a write did, in one line a model can act on (the id and version for the next call).</summary>
    public string Line(string verb) =>
        $"{verb} {Id} (version {Version}): {Title} | {Status} | {Priority} | {Assignee?.Email ?? "unassigned"} | {Repository ?? "-"}"
        + (LeaseExpiresAt is { } until ? $" | held by {LeaseHolder} until {ToolText.Minute(until)}" : "");

    public static ToolTask From(TaskDto task) =>
        new(task.Id, task.Title, task.Description, task.Status, task.Priority, task.Complexity,
            task.Assignee is { } a ? new ToolUser(a.Id, a.Email, a.Name) : null,
            task.Repository, task.CreatedBy, task.UpdatedBy, task.CreatedAt, task.UpdatedAt, task.Version,
            task.LeaseHolder, task.LeaseExpiresAt);
}
