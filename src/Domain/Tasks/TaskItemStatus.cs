namespace TaskManager.Domain.Tasks;

public enum TaskItemStatus
{
    NotStarted,
    InProgress,
    Blocked,
    Completed,
    Cancelled,
}
