using System.ComponentModel;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

[Description("One task in full, with its comments and recent history.")]
public sealed record ToolTaskDetails(
    [property: Description("The task, with its full description.")] ToolTask Task,
    [property: Description("All comments, oldest first.")] IReadOnlyList<CommentDto> Comments,
    [property: Description("The latest changes, newest first (changed_by is the label shown; actor_user_id and via_api_key say who really acted).")]
    IReadOnlyList<HistoryEntryDto> RecentHistory);
