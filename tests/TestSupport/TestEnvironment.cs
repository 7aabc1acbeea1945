using Npgsql;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.TestSupport;

/// <summary>
/// The servers scripts/test.sh started (DATABASE_URL, REDIS_URL, REDIS_CLUSTER_URL). Each test project works in a database of its
/// own, derived from DATABASE_URL, so projects can run in parallel.
/// </summary>
public static class TestEnvironment
{
    public const string JwtSecret = "test-secret-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG";
    public const string ApiKeySalt = "test-salt-0123456789abcdefghijklmnopqrstuvwxyz";

    public static string BaseDatabaseUrl => Required("DATABASE_URL");

    public static string RedisUrl => Required("REDIS_URL");

    /// <summary>
    /// A Redis Cluster of three masters (StackExchange.Redis endpoints). Required like the others: without it the cluster
    /// tests fail rather than pass unseen.
    /// </summary>
    public static string RedisClusterUrl => Required("REDIS_CLUSTER_URL");

    /// <summary>A connection string to <paramref name="database"/> on the test server, created if missing.</summary>
    public static async Task<string> DatabaseAsync(string database)
    {
        var baseBuilder = DatabaseUrl.Parse(BaseDatabaseUrl);
        await using (var connection = new NpgsqlConnection(baseBuilder.ConnectionString))
        {
            await connection.OpenAsync();
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync() is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
                await create.ExecuteNonQueryAsync();
            }
        }
        return new NpgsqlConnectionStringBuilder(baseBuilder.ConnectionString) { Database = database }.ConnectionString;
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests with scripts/test.sh, which starts PostgreSQL and Redis.");
}
