namespace TaskManager.Application.Tasks;

/// <summary>A task with its place in commit order, read in the same statement so that the position and the task agree.</summary>
public sealed record TaskInCommitOrder
{
    public required TaskDto Task { get; init; }

    public required long ChangeSeq { get; init; }

    public required bool Deleted { get; init; }
}
