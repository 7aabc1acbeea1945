using Microsoft.Extensions.Logging;
using Npgsql;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Tasks;

/// <summary>
/// Merges the pending entries of the task table's GIN indexes (the trigram indexes behind search) into the indexes
/// every second, so that no request has to.
/// </summary>
/// <remarks>
/// With <c>fastupdate</c>, PostgreSQL's default, a task write only appends its trigrams (about 300 for a 300-character
/// description) to the index's pending list. When the list passes <c>gin_pending_list_limit</c> (4 MB, about 1,300 task
/// writes of such tasks), the write that overflowed it merges the whole list into the index before it returns. On the
/// benchmark box that request took 100–400 ms, once every five seconds at 250 writes a second (docs/benchmarks.md).
/// Merged here each second, the list stays under the limit at any write rate the service sustains, and a search scans
/// a shorter list. The work is the same; it moves from a request to this connection.
/// A write that overflows the list while a merge runs does not wait for it: it leaves the list to the merge under way.
/// Every serving instance runs one. Concurrent merges take turns inside PostgreSQL, and the second finds little left.
/// Only the indexes' owner may merge them, so indexes owned by another role (say, migrations run as their own role) are
/// left to the writes, as PostgreSQL does by default.
/// </remarks>
public sealed class SearchIndexMerge(
    NpgsqlDataSource database,
    TimeProvider time,
    ILogger<SearchIndexMerge> logger) : PeriodicDatabaseChore(time, logger)
{
    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    /// <summary>A database outage is reported by the requests and the relay; writes merge for themselves meanwhile.</summary>
    protected override LogLevel FailureLevel => LogLevel.Debug;

    protected override Task RunOnceAsync(CancellationToken ct) => MergeAsync(ct);

    /// <summary>Merges what is pending in each GIN index of <c>tasks</c> this role owns; returns how many pending pages that emptied.</summary>
    public async Task<long> MergeAsync(CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            SELECT coalesce(sum(gin_clean_pending_list(i.indexrelid)), 0)::bigint
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indexrelid
            JOIN pg_am a ON a.oid = c.relam
            WHERE i.indrelid = 'tasks'::regclass AND a.amname = 'gin' AND i.indisvalid AND pg_has_role(c.relowner, 'USAGE')
            """);
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }
}
