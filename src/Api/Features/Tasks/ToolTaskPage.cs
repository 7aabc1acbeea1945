using System.ComponentModel;

namespace TaskManager.Api.Features.Tasks;

/// <summary>One page of rows; <c>next_cursor</c> continues the listing (null on the last page).</summary>
[Description("One page of tasks.")]
public sealed record ToolTaskPage(
    IReadOnlyList<ToolTaskRow> Items,
    string? NextCursor);
