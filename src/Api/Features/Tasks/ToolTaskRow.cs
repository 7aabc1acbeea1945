using System.ComponentModel;
using System.Globalization;
using System.Text.Json.Serialization;
using TaskManager.Api.Common;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>
/// A task in a list, as small as an agent can work with: the summary fields always, the rest only with
/// <c>detail: "full"</c> (left out, not null, otherwise: every byte of a row is paid fifty times per page).
/// <c>assignee</c> is an email (null: unassigned); <c>updated</c> the UTC date of the last change.
/// </summary>
[Description("A task row; fields after excerpt only with detail=full.")]
public sealed record ToolTaskRow(
    Guid Id,
    string Title,
    string Status,
    string Priority,
    string? Assignee,
    string? Repository,
    string Updated)
{
    /// <summary>Summary rows show this much of the description; get_task has it all.</summary>
    public const int ExcerptLength = 50;

    /// <summary>Descriptions longer than this are shortened in full rows too.</summary>
    public const int FullDescriptionLength = 280;

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Excerpt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? DescriptionTruncated { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Complexity { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? AssigneeId { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CreatedBy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UpdatedBy { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? CreatedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? UpdatedAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Version { get; init; }

    public static ToolTaskRow Summary(TaskDto task) => Base(task) with { Excerpt = ToolText.Shorten(task.Description, ExcerptLength).Text };

    public static ToolTaskRow Full(TaskDto task)
    {
        var (description, truncated) = ToolText.Shorten(task.Description, FullDescriptionLength);
        return Base(task) with
        {
            Description = description,
            DescriptionTruncated = truncated,
            Complexity = task.Complexity,
            AssigneeId = task.Assignee?.Id,
            CreatedBy = task.CreatedBy,
            UpdatedBy = task.UpdatedBy,
            CreatedAt = task.CreatedAt,
            UpdatedAt = task.UpdatedAt,
            Version = task.Version,
        };
    }

    /// <summary>The columns of a row as a model reads it, after its id and title.</summary>
    public static IReadOnlyList<(string Name, Func<ToolTaskRow, string> Value)> Columns { get; } =
    [
        ("status", r => r.Status),
        ("priority", r => r.Priority),
        ("assignee", r => r.Assignee ?? "unassigned"),
        ("repository", r => r.Repository ?? "-"),
        ("updated", r => r.Updated),
    ];

    /// <summary>The row for a model: <c>id | title | the given columns | excerpt</c>.</summary>
    public string Line(IEnumerable<(string Name, Func<ToolTaskRow, string> Value)> columns)
    {
        var text = $"{Id} | {Title} | " + string.Concat(columns.Select(c => c.Value(this) + " | "));
        return text + ((Excerpt ?? Description) is { Length: > 0 } excerpt ? ToolText.OneLine(excerpt) : "-");
    }

    private static ToolTaskRow Base(TaskDto task) => new(task.Id, task.Title, task.Status, task.Priority, task.Assignee?.Email,
        task.Repository, task.UpdatedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
