namespace TaskManager.Application.Common.Events;

/// <summary>
/// An event as it stands in the <c>tasks:notifications</c> stream: its entry id (the SSE <c>id:</c>) and the fields
/// the relay wrote, including who and where it concerns, so subscribers can be matched without parsing the task JSON.
/// </summary>
public sealed record PublishedTaskEvent(
    string StreamId,
    string EventType,
    string TaskId,
    string TaskData,
    string Timestamp,
    string EventId,
    Guid? AssigneeId,
    string? Repository,
    Guid? PreviousAssigneeId,
    string? PreviousRepository);
