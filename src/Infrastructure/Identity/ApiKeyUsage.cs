using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// Remembers when each key was last used and writes all of them in ONE UPDATE per flush, so an MCP call costs no
/// database write. The value can lag by one flush interval (30 s by default), and a crash loses at most that.
/// </summary>
public sealed partial class ApiKeyUsage(NpgsqlDataSource dataSource, ILogger<ApiKeyUsage> logger)
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _pending = new();

    public void Record(Guid keyId, DateTimeOffset at) =>
        _pending.AddOrUpdate(keyId, at, (_, previous) => at > previous ? at : previous);

    /// <returns>How many keys were written.</returns>
    public async Task<int> FlushAsync(CancellationToken ct)
    {
        var batch = new List<KeyValuePair<Guid, DateTimeOffset>>(_pending.Count);
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var at))
                batch.Add(new(id, at));
        }
        if (batch.Count == 0)
            return 0;
        try
        {
            await using var command = dataSource.CreateCommand(
                """
                UPDATE api_keys AS k SET last_used_at = u.used_at
                FROM unnest(@ids, @times) AS u(id, used_at)
                WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)
                """);
            command.Parameters.AddWithValue("ids", batch.Select(b => b.Key).ToArray());
            command.Parameters.AddWithValue("times", batch.Select(b => b.Value.UtcDateTime).ToArray());
            await command.ExecuteNonQueryAsync(ct);
            return batch.Count;
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            // Keep them for the next flush rather than lose them; a newer use recorded meanwhile wins.
            foreach (var (id, at) in batch)
                Record(id, at);
            LogFlushFailed(ex, batch.Count);
            return 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record the last use of {Count} API keys; will retry")]
    private partial void LogFlushFailed(Exception exception, int count);
}
