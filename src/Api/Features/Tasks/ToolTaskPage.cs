using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;
using TaskManager.Api.Common;

namespace TaskManager.Api.Features.Tasks;

/// <summary>
/// One page of rows; <c>next_cursor</c> continues the listing (null on the last page). A sync answer (<c>since_change</c>)
/// has no cursor: it lists the deleted ids beside the changed rows and the token to sync from next.
/// </summary>
[Description("One page of tasks.")]
public sealed record ToolTaskPage(
    IReadOnlyList<ToolTaskRow> Items,
    string? NextCursor)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<Guid>? Deleted { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? NextSyncToken { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HasMore { get; init; }

    /// <summary>
    /// One line per task, then how to continue: what a model reads instead of a second copy of the JSON. A column
    /// whose value every row shares (the repository listed, the caller as assignee, one status) is said once in the
    /// header rather than fifty times.
    /// </summary>
    public string Text()
    {
        // A search page does bounded work and may come back empty with a cursor (docs/contract.md, "Task search"):
        // a model reading "0 task(s)" alone would stop there.
        if (Items.Count == 0 && NextCursor is not null && NextSyncToken is null)
            return $"0 task(s) among the tasks searched so far; older ones remain\n{ToolReply.PageEnd(NextCursor)}";
        var shared = Items.Count > 1 ? ToolTaskRow.Columns.Where(c => Items.All(r => c.Value(r) == c.Value(Items[0]))).ToList() : [];
        var own = ToolTaskRow.Columns.Except(shared).ToList();
        var text = new StringBuilder(Items.Count * 160 + 120).Append(CultureInfo.InvariantCulture, $"{Items.Count} task(s)");
        if (shared.Count > 0)
            text.Append("; all ").AppendJoin(", ", shared.Select(c => $"{c.Name} {c.Value(Items[0])}"));
        text.Append("\nid | title | ").AppendJoin("", own.Select(c => c.Name + " | ")).Append("excerpt\n");
        foreach (var row in Items)
            row.AppendLine(text, own);
        if (NextSyncToken is null)
            return text.Append(ToolReply.PageEnd(NextCursor)).ToString();
        if (Deleted is { Count: > 0 })
            text.Append("deleted: ").AppendJoin(", ", Deleted).Append('\n');
        return text.Append(CultureInfo.InvariantCulture, $"next_sync_token: {NextSyncToken}")
            .Append(HasMore is true ? " (more now)" : " (caught up)").ToString();
    }
}
