using System.Diagnostics.CodeAnalysis;

namespace TaskManager.Application.Tasks;

/// <summary>One task with its comments and its most recent history.</summary>
public sealed record TaskDetailsDto : TaskDto
{
    [SetsRequiredMembers]
    public TaskDetailsDto(TaskDto task, IReadOnlyList<CommentDto> comments, IReadOnlyList<HistoryEntryDto> recentHistory)
        : base(task)
    {
        Comments = comments;
        RecentHistory = recentHistory;
    }

    public IReadOnlyList<CommentDto> Comments { get; init; }

    /// <summary>The latest history rows, newest first; the whole trail is at /api/tasks/{id}/history.</summary>
    public IReadOnlyList<HistoryEntryDto> RecentHistory { get; init; }
}
