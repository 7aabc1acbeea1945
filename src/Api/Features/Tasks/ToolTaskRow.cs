using System.ComponentModel;
using System.Globalization;
using System.Text;
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

    public static ToolTaskRow Summary(TaskDto task) => new(task) { Excerpt = ToolText.Shorten(task.Description, ExcerptLength).Text };

    public static ToolTaskRow Full(TaskDto task)
    {
        var (description, truncated) = ToolText.Shorten(task.Description, FullDescriptionLength);
        return new(task)
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

    /// <summary>Appends the row for a model, one line: <c>id | title | the given columns | excerpt</c>.</summary>
    public void AppendLine(StringBuilder text, IReadOnlyList<(string Name, Func<ToolTaskRow, string> Value)> columns)
    {
        text.Append(CultureInfo.InvariantCulture, $"{Id} | ").Append(Title).Append(" | ");
        foreach (var (_, value) in columns)
            text.Append(value(this)).Append(" | ");
        text.Append((Excerpt ?? Description) is { Length: > 0 } excerpt ? ToolText.OneLine(excerpt) : "-").Append('\n');
    }

    private ToolTaskRow(TaskDto task)
        : this(task.Id, task.Title, task.Status, task.Priority, task.Assignee?.Email, task.Repository,
            DateOnly.FromDateTime(task.UpdatedAt.UtcDateTime).ToString("O", CultureInfo.InvariantCulture))
    {
    }
}
