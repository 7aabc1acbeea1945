using System.ComponentModel;
using System.Globalization;
using System.Text;
using TaskManager.Api.Common;

namespace TaskManager.Api.Features.Tasks;

/// <summary>One page of rows; <c>next_cursor</c> continues the listing (null on the last page).</summary>
[Description("One page of tasks.")]
public sealed record ToolTaskPage(
    IReadOnlyList<ToolTaskRow> Items,
    string? NextCursor)
{
    /// <summary>
    /// One line per task, then how to continue: what a model reads instead of a second copy of the JSON. A column
    /// whose value every row shares (the repository listed, the caller as assignee, one status) is said once in the
    /// header rather than fifty times.
    /// </summary>
    public string Text()
    {
        var shared = Items.Count > 1 ? ToolTaskRow.Columns.Where(c => Items.All(r => c.Value(r) == c.Value(Items[0]))).ToList() : [];
        var own = ToolTaskRow.Columns.Except(shared).ToList();
        var text = new StringBuilder(Items.Count * 160 + 120).Append(CultureInfo.InvariantCulture, $"{Items.Count} task(s)");
        if (shared.Count > 0)
            text.Append("; all ").AppendJoin(", ", shared.Select(c => $"{c.Name} {c.Value(Items[0])}"));
        text.Append("\nid | title | ").AppendJoin("", own.Select(c => c.Name + " | ")).Append("excerpt\n");
        foreach (var row in Items)
            text.Append(row.Line(own)).Append('\n');
        return text.Append(ToolReply.PageEnd(NextCursor)).ToString();
    }
}
