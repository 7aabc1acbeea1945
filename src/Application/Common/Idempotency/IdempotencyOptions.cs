namespace TaskManager.Application.Common.Idempotency;

/// <summary>How long a create remembers its idempotency key; bound once from the environment and checked at start-up.</summary>
public sealed class IdempotencyOptions
{
    /// <summary>
    /// IDEMPOTENCY_RETENTION_HOURS: a retry within this long of the first request is answered with the first task;
    /// after it the key counts as unused (and a background cleanup deletes the record), so the table stays bounded.
    /// </summary>
    public double RetentionHours { get; set; } = 24;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}
