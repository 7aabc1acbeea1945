using System.ComponentModel;

namespace TaskManager.Api.Features.Tasks;

[Description("One page of tasks, newest first.")]
public sealed record ToolTaskPage(
    [property: Description("The tasks of this page.")] IReadOnlyList<ToolTask> Items,
    [property: Description("Pass as cursor to get the next page; null on the last page.")] string? NextCursor);
