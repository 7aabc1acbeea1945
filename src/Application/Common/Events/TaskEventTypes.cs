namespace TaskManager.Application.Common.Events;

/// <summary>The event types of the contract, as they appear in Redis and SSE.</summary>
public static class TaskEventTypes
{
    public const string Assigned = "task_assigned";
    public const string Updated = "task_updated";
    public const string Completed = "task_completed";
    public const string Commented = "task_commented";
    public const string Deleted = "task_deleted";
}
