namespace TaskManager.Domain.Tasks;

/// <summary>The task <see cref="TaskId"/> cannot start until <see cref="BlockedById"/> is completed or cancelled.</summary>
public sealed class TaskDependency
{
    private TaskDependency()
    {
    }

    internal TaskDependency(Guid taskId, Guid blockedById, DateTimeOffset now)
    {
        TaskId = taskId;
        BlockedById = blockedById;
        CreatedAt = now;
    }

    public Guid TaskId { get; private set; }

    public Guid BlockedById { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
