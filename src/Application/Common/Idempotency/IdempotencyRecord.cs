namespace TaskManager.Application.Common.Idempotency;

/// <summary>
/// Remembers which task a caller's idempotency key created, so a retried create returns that task
/// instead of making a second one. Keys are scoped to the user who sent them, and expire after
/// <see cref="IdempotencyOptions.RetentionHours"/>.
/// </summary>
public sealed class IdempotencyRecord
{
    public const int KeyMaxLength = 255;

    private IdempotencyRecord()
    {
    }

    public IdempotencyRecord(Guid userId, string key, string requestHash, Guid taskId, DateTimeOffset createdAt)
    {
        UserId = userId;
        Key = key;
        RequestHash = requestHash;
        TaskId = taskId;
        CreatedAt = createdAt;
    }

    public Guid UserId { get; private set; }

    public string Key { get; private set; } = "";

    /// <summary>A digest of the request, so the same key with a different body is refused rather than silently replayed.</summary>
    public string RequestHash { get; private set; } = "";

    public Guid TaskId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Past its retention a record answers nothing, whether or not the cleanup has deleted it yet.</summary>
    public bool HasExpired(DateTimeOffset now, TimeSpan retention) => CreatedAt <= now - retention;
}
