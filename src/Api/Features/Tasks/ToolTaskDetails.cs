using System.ComponentModel;
using System.Globalization;
using System.Text;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>
/// One task in full: what it waits for and what waits for it, the whole description, all comments (oldest first) and
/// the latest changes (newest first; <c>changed_by</c> is the label shown, <c>actor</c> says who really acted).
/// </summary>
[Description("One task in full, with its dependencies, comments and recent history.")]
public sealed record ToolTaskDetails(
    ToolTask Task,
    IReadOnlyList<TaskLinkDto> BlockedBy,
    IReadOnlyList<TaskLinkDto> Blocks,
    IReadOnlyList<CommentDto> Comments,
    IReadOnlyList<HistoryEntryDto> RecentHistory)
{
    public static ToolTaskDetails From(TaskDetailsDto task) =>
        new(ToolTask.From(task), task.BlockedBy, task.Blocks, task.Comments, task.RecentHistory);

    /// <summary>The task for reading: its fields, its dependencies, the whole description, the comments and the latest changes.</summary>
    public string Text()
    {
        var text = new StringBuilder(Task.Line("Task")).Append('\n');
        text.Append(CultureInfo.InvariantCulture,
            $"complexity {Task.Complexity} | created by {Task.CreatedBy} {ToolText.Minute(Task.CreatedAt)} | updated by {Task.UpdatedBy} {ToolText.Minute(Task.UpdatedAt)}\n");
        ToolDependencies.AppendLinks(text, BlockedBy, Blocks);
        if (!string.IsNullOrEmpty(Task.Description))
            text.Append('\n').Append(Task.Description).Append('\n');
        if (Comments.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nComments ({Comments.Count}):\n");
        foreach (var comment in Comments)
            text.Append(CultureInfo.InvariantCulture, $"- {ToolText.Actor(comment.Author, comment.Actor)} {ToolText.Minute(comment.CreatedAt)}: {ToolText.OneLine(comment.Comment)}\n");
        if (RecentHistory.Count > 0)
            text.Append("\nLatest changes:\n");
        foreach (var entry in RecentHistory)
            text.Append(CultureInfo.InvariantCulture,
                $"- {ToolText.Minute(entry.ChangedAt)} {ToolText.Actor(entry.ChangedBy, entry.Actor)}: {entry.FieldChanged} {entry.OldValue ?? "-"} -> {entry.NewValue ?? "-"}\n");
        return text.ToString().TrimEnd();
    }
}
