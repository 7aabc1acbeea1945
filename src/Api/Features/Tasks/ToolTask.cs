using System.ComponentModel;
using System.Globalization;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

/// <remarks>Only the properties whose meaning is not obvious are described: every output schema costs agents context tokens.</remarks>
[Description("A task.")]
public sealed record ToolTask(
    [property: Description("Task id (UUID); pass it to get_task, update_task_status and add_task_comment.")] Guid Id,
    string Title,
    [property: Description("What to do. Lists shorten long text (see description_truncated); get_task returns it in full.")] string? Description,
    [property: Description("True when description was shortened for this list; call get_task for the full text.")] bool DescriptionTruncated,
    string Status,
    string Priority,
    string Complexity,
    ToolUser? Assignee,
    string? Repository,
    [property: Description("A display label (e.g. an agent name); get_task history shows who really acted.")] string CreatedBy,
    string UpdatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int Version)
{
    /// <summary>Descriptions longer than this are shortened in lists, to keep an agent's context small.</summary>
    public const int ListDescriptionLength = 280;

    public static ToolTask From(TaskDto task, bool shorten = false)
    {
        var description = task.Description;
        var truncated = false;
        if (shorten && description is not null && new StringInfo(description).LengthInTextElements > ListDescriptionLength)
        {
            // Cut on a text element so an emoji or accented letter is never split in half.
            description = new StringInfo(description).SubstringByTextElements(0, ListDescriptionLength).TrimEnd() + "…";
            truncated = true;
        }
        return new ToolTask(task.Id, task.Title, description, truncated, task.Status, task.Priority, task.Complexity,
            task.Assignee is { } a ? new ToolUser(a.Id, a.Email, a.Name) : null,
            task.Repository, task.CreatedBy, task.UpdatedBy, task.CreatedAt, task.UpdatedAt, task.Version);
    }
}
