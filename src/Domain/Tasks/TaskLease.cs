using TaskManager.Domain.Common;

namespace TaskManager.Domain.Tasks;

/// <summary>How long a claim may hold a task before it returns to the pool unless renewed.</summary>
public static class TaskLease
{
    public const int MinSeconds = 10;
    public const int MaxSeconds = 86_400;
    public const int DefaultSeconds = 1_800;

    /// <summary>The lease to grant for <paramref name="seconds"/> (the default when null), refusing durations outside the limits.</summary>
    public static TimeSpan Duration(int? seconds) => seconds switch
    {
        null => TimeSpan.FromSeconds(DefaultSeconds),
        >= MinSeconds and <= MaxSeconds => TimeSpan.FromSeconds(seconds.Value),
        _ => throw new DomainException(
            $"lease_seconds must be between {MinSeconds} and {MaxSeconds} (default {DefaultSeconds}); it was {seconds}.", "lease_seconds"),
    };
}
