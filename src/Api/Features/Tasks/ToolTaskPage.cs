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
    /// <summary>One line per task, then how to continue: what a model reads instead of a second copy of the JSON.</summary>
    public string Text()
    {
        var text = new StringBuilder(Items.Count * 160 + 80);
        text.Append(CultureInfo.InvariantCulture, $"{Items.Count} task(s): id | status | priority | title | assignee | repository | updated | excerpt\n");
        foreach (var row in Items)
            text.Append(row.Line()).Append('\n');
        return text.Append(ToolReply.PageEnd(NextCursor)).ToString();
    }
}
