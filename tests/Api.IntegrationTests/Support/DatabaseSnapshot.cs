using System.Text;
using Npgsql;

namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>Row count and an order-independent checksum of the content of every table, to prove a request changed nothing.</summary>
public static class DatabaseSnapshot
{
    /// <summary>The outbox relay's own bookkeeping: it publishes earlier changes in the background, whatever the request did.</summary>
    private static readonly string[] RelayBookkeeping =
    [
        "outbox_messages.published_at", "outbox_messages.attempts", "outbox_messages.last_error",
        "outbox_relay_lease.name", "outbox_relay_lease.holder", "outbox_relay_lease.epoch", "outbox_relay_lease.expires_at",
    ];

    /// <param name="ignoredColumns"><c>table.column</c> names that may change without the data changing (e.g. api_keys.last_used_at).</param>
    public static async Task<string> TakeAsync(string connectionString, params string[] ignoredColumns)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var columns = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var list = new NpgsqlCommand(
            """
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.table_name <> '__EFMigrationsHistory'
            ORDER BY c.table_name, c.ordinal_position
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (table, column) = (reader.GetString(0), reader.GetString(1));
                if (!ignoredColumns.Contains($"{table}.{column}") && !RelayBookkeeping.Contains($"{table}.{column}"))
                    (columns.TryGetValue(table, out var c) ? c : columns[table] = []).Add(column);
            }
        }
        var sql = string.Join("\nUNION ALL\n", columns.Select(t =>
        {
            var row = $"row({string.Join(", ", t.Value.Select(c => $"x.\"{c}\""))})::text";
            return $"SELECT '{t.Key}', count(*), coalesce(md5(string_agg({row}, '|' ORDER BY {row})), '') FROM \"{t.Key}\" x";
        }));
        var snapshot = new StringBuilder();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
            snapshot.Append(rows.GetString(0)).Append('=').Append(rows.GetInt64(1)).Append(':').Append(rows.GetString(2)).Append(';');
        return snapshot.ToString();
    }
}
