using System.ComponentModel;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Features.Tasks;

/// <summary>
/// One task in full: the whole description, all comments (oldest first) and the latest changes (newest first;
/// <c>changed_by</c> is the label shown, <c>actor_user_id</c> and <c>via_api_key</c> say who really acted).
/// </summary>
[Description("One task in full, with its comments and recent history.")]
public sealed record ToolTaskDetails(ToolTask Task, IReadOnlyList<CommentDto> Comments, IReadOnlyList<HistoryEntryDto> RecentHistory);
