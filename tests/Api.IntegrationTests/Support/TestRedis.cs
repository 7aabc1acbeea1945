using StackExchange.Redis;
using TaskManager.Infrastructure.Redis;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>A direct connection to the test Redis, to check what the relay wrote to the streams.</summary>
public static class TestRedis
{
    private static readonly Lazy<ConnectionMultiplexer> Connection = new(() => ConnectionMultiplexer.Connect(RedisUrl.Parse(TestEnvironment.RedisUrl)));

    public static IDatabase Database => Connection.Value.GetDatabase();

    /// <summary>The entries of <paramref name="stream"/> about one task, oldest first, as field dictionaries.</summary>
    public static async Task<IReadOnlyList<Dictionary<string, string>>> EntriesForTaskAsync(string stream, string taskId, IDatabase? database = null)
    {
        var entries = await (database ?? Database).StreamRangeAsync(stream, "-", "+");
        return entries
            .Select(e => e.Values.ToDictionary(v => v.Name.ToString(), v => v.Value.ToString()))
            .Where(f => f.GetValueOrDefault("task_id") == taskId)
            .ToList();
    }
}
