using System.Diagnostics.CodeAnalysis;

namespace TaskManager.Application.Tasks;

/// <summary>One task with its dependencies, its comments and its most recent history.</summary>
public sealed record TaskDetailsDto : TaskDto
{
    [SetsRequiredMembers]
    public TaskDetailsDto(TaskDto task, IReadOnlyList<TaskLinkDto> blockedBy, IReadOnlyList<TaskLinkDto> blocks,
        IReadOnlyList<CommentDto> comments, IReadOnlyList<HistoryEntryDto> recentHistory)
        : base(task)
    {
        BlockedBy = blockedBy;
        Blocks = blocks;
        Comments = comments;
        RecentHistory = recentHistory;
    }

    /// <summary>The tasks this one waits for; it can start once each is completed or cancelled.</summary>
    public IReadOnlyList<TaskLinkDto> BlockedBy { get; init; }

    /// <summary>The tasks that wait for this one.</summary>
    public IReadOnlyList<TaskLinkDto> Blocks { get; init; }

    public IReadOnlyList<CommentDto> Comments { get; init; }

    /// <summary>The latest history rows, newest first; the whole trail is at /api/tasks/{id}/history.</summary>
    public IReadOnlyList<HistoryEntryDto> RecentHistory { get; init; }
}
