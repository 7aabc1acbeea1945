using System.ComponentModel;
using System.Globalization;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Mcp.Results;

[Description("A task.")]
public sealed record ToolTask(
    [property: Description("Task id (UUID); pass it to get_task, update_task_status and add_task_comment.")] Guid Id,
    [property: Description("Short title.")] string Title,
    [property: Description("What to do. Lists shorten long text (see description_truncated); get_task returns it in full.")] string? Description,
    [property: Description("True when description was shortened for this list; call get_task for the full text.")] bool DescriptionTruncated,
    [property: Description("not_started, in_progress, blocked, completed or cancelled.")] string Status,
    [property: Description("low, medium, high or urgent.")] string Priority,
    [property: Description("low, medium or high.")] string Complexity,
    [property: Description("Who the task is assigned to, or null.")] ToolUser? Assignee,
    [property: Description("Repository name, or null.")] string? Repository,
    [property: Description("Display label of whoever created it.")] string CreatedBy,
    [property: Description("Display label of whoever changed it last.")] string UpdatedBy,
    [property: Description("When it was created (ISO-8601 UTC).")] DateTimeOffset CreatedAt,
    [property: Description("When it last changed (ISO-8601 UTC).")] DateTimeOffset UpdatedAt,
    [property: Description("Increases with every change.")] int Version)
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
