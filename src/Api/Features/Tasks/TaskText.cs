using System.Globalization;
using System.Text;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>
/// The text block of the task tools: what a model reads. One line per task with the fields an agent decides by,
/// instead of a second copy of the JSON (which stays whole in structuredContent for typed clients).
/// </summary>
public static class TaskText
{
    /// <summary><c>id | status | priority | title | assignee | repository | updated[ | excerpt]</c>.</summary>
    public static string Line(ToolTaskRow row) =>
        $"{row.Id} | {row.Status} | {row.Priority} | {row.Title} | {row.Assignee ?? "unassigned"} | {row.Repository ?? "-"} | {row.Updated}"
        + (string.IsNullOrEmpty(row.Excerpt ?? row.Description) ? "" : $" | {OneLine(row.Excerpt ?? row.Description!)}");

    public static string Page(IReadOnlyList<ToolTaskRow> rows, string? nextCursor)
    {
        var text = new StringBuilder(rows.Count * 160 + 80);
        text.Append(CultureInfo.InvariantCulture, $"{rows.Count} task(s): id | status | priority | title | assignee | repository | updated | excerpt\n");
        foreach (var row in rows)
            text.Append(Line(row)).Append('\n');
        text.Append(ToolReply.PageEnd(nextCursor));
        return text.ToString();
    }

    /// <summary>What a write did, in one line an agent can act on (the id and version for the next call).</summary>
    public static string Changed(string verb, TaskDto task) =>
        $"{verb} {task.Id} (version {task.Version}): {task.Title} | {task.Status} | {task.Priority} | "
        + $"{task.Assignee?.Email ?? "unassigned"} | {task.Repository ?? "-"}"
        + (task.LeaseExpiresAt is { } until ? $" | held by {task.LeaseHolder} until {Time(until)}" : "");

    /// <summary>A task in full for reading: the fields, the whole description, the comments and the latest changes.</summary>
    public static string Details(TaskDetailsDto task)
    {
        var text = new StringBuilder(Changed("Task", task)).Append('\n');
        text.Append(CultureInfo.InvariantCulture, $"complexity {task.Complexity} | created by {task.CreatedBy} {Date(task.CreatedAt)} | updated by {task.UpdatedBy} {Date(task.UpdatedAt)}\n");
        if (!string.IsNullOrEmpty(task.Description))
            text.Append('\n').Append(task.Description).Append('\n');
        if (task.Comments.Count > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nComments ({task.Comments.Count}):\n");
        foreach (var comment in task.Comments)
            text.Append(CultureInfo.InvariantCulture, $"- {comment.Author} {Date(comment.CreatedAt)}: {OneLine(comment.Comment)}\n");
        if (task.RecentHistory.Count > 0)
            text.Append("\nLatest changes:\n");
        foreach (var entry in task.RecentHistory)
            text.Append(CultureInfo.InvariantCulture, $"- {Date(entry.ChangedAt)} {entry.ChangedBy}: {entry.FieldChanged} {entry.OldValue ?? "-"} -> {entry.NewValue ?? "-"}\n");
        return text.ToString().TrimEnd();
    }

    /// <summary>Cuts on a text element so an emoji or accented letter is never split in half.</summary>
    public static (string? Text, bool Shortened) Shorten(string? text, int length)
    {
        if (text is null)
            return (null, false);
        var elements = new StringInfo(text);
        return elements.LengthInTextElements <= length
            ? (text, false)
            : (elements.SubstringByTextElements(0, length).TrimEnd() + "…", true);
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
