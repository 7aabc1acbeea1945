using TaskManager.Domain.Common;

namespace TaskManager.Domain.Tasks;

/// <summary>One row of a task's audit trail: a field, its old and new value, who and when.</summary>
public sealed class TaskHistoryEntry
{
    private TaskHistoryEntry()
    {
    }

    internal TaskHistoryEntry(Guid taskId, string field, string? oldValue, string? newValue, Actor actor, string? comment, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        TaskId = taskId;
        FieldChanged = field;
        OldValue = oldValue;
        NewValue = newValue;
        ChangedBy = actor.Label;
        ActorUserId = actor.UserId;
        ActorApiKeyName = actor.ApiKeyName;
        Comment = comment;
        ChangedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid TaskId { get; private set; }

    public string FieldChanged { get; private set; } = "";

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public string ChangedBy { get; private set; } = "";

    public Guid ActorUserId { get; private set; }

    public string? ActorApiKeyName { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }
}
