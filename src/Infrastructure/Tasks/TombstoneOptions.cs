namespace TaskManager.Infrastructure.Tasks;

public sealed class TombstoneOptions
{
    /// <summary>
    /// TOMBSTONE_RETENTION_HOURS: how long a deleted task stays (as a sync tombstone, with its history) before the purge
    /// removes it; a sync token older than the newest purged tombstone must start again.
    /// </summary>
    public double RetentionHours { get; set; } = 720;

    public TimeSpan Retention => TimeSpan.FromHours(RetentionHours);
}
