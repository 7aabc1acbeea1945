namespace TaskManager.Infrastructure.Events;

/// <summary>The Redis keys of the contract's streams, and the pub/sub channel that tells readers something was published.</summary>
public static class TaskStreams
{
    public const string Notifications = "tasks:notifications";

    /// <summary>Every instance's reader subscribes here, so it reads new entries at once instead of at its next poll.</summary>
    public const string PublishedChannel = "tasks:published";

    public const string DeduplicationPrefix = "tasks:published-event:";

    public static string ForUser(Guid userId) => $"tasks:user:{userId}";

    public static string ForRepository(string name) => $"tasks:repo:{name}";
}
