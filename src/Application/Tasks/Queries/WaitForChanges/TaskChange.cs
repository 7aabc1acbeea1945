namespace TaskManager.Application.Tasks.Queries.WaitForChanges;

/// <summary>One event, reduced to what an agent decides by; the task itself is one get_task away.</summary>
/// <param name="Type">The event type as this caller's streams carry it (a task that left the caller is task_updated).</param>
/// <param name="EventId">The event's UUID, unique per change, to de-duplicate by.</param>
public sealed record TaskChange(string Type, string TaskId, string Title, string Status, string Timestamp, string EventId);
