using StackExchange.Redis;
using TaskManager.Application.Contract;
using TaskManager.Infrastructure.Events;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>
/// Looks at the Redis streams the application wrote, waiting (with a deadline, never a fixed sleep) for an entry to arrive,
/// and rings the doorbell that wakes the application's readers.
/// </summary>
public static class LoggedEvents
{
    public const string Log = TaskEvents.NotificationsStream;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    /// <summary>The id of the entry of <paramref name="taskId"/>'s latest event in <paramref name="stream"/>, once it is there.</summary>
    public static async Task<string> IdOfAsync(IDatabase redis, string taskId, string stream = Log)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            if (await EntriesOfAsync(redis, taskId, stream) is [.., var entry])
                return entry.Id!;
            if (deadline.IsCancellationRequested)
                throw new TimeoutException($"No event of task {taskId} reached {stream} within {Deadline.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }

    /// <summary>Rings the doorbell the relay rings after each publish, which wakes every instance's stream reader.</summary>
    public static Task RingDoorbellAsync(IDatabase redis) =>
        redis.Multiplexer.GetSubscriber().PublishAsync(RedisChannel.Literal(RelayKeys.PublishedChannel), 1);

    /// <summary>The entries of <paramref name="stream"/> about <paramref name="taskId"/>, oldest first.</summary>
    public static async Task<StreamEntry[]> EntriesOfAsync(IDatabase redis, string taskId, string stream = Log) =>
        [.. (await redis.StreamRangeAsync(stream, "-", "+")).Where(e => e["task_id"] == taskId)];
}
