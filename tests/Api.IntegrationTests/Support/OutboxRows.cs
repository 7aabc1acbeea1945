using Npgsql;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>The outbox as the relay leaves it in PostgreSQL.</summary>
public static class OutboxRows
{
    /// <summary>
    /// Whether every row is marked published within <paramref name="patience"/>. A batch is marked by a later read of the
    /// relay, the last one soon after the outbox runs dry, so this also says the relay has caught up.
    /// </summary>
    public static async Task<bool> AllMarkedPublishedAsync(string connectionString, TimeSpan patience)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var unmarked = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", connection);
        using var timeout = new CancellationTokenSource(patience);
        while ((long)(await unmarked.ExecuteScalarAsync())! > 0)
        {
            if (timeout.IsCancellationRequested)
                return false;
            await Task.Delay(50);
        }
        return true;
    }
}
