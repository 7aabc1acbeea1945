using Npgsql;

namespace TaskManager.Bench;

/// <summary>
/// What PostgreSQL counted between two moments: statements (<c>pg_stat_statements</c>, every statement any client
/// ran, the relay's included, BEGIN and COMMIT left out), commits of write transactions (the transaction ids PostgreSQL
/// handed out: every transaction that writes gets one, whether BEGIN … COMMIT, a lone statement or a batch run as one
/// implicit transaction, and reads get none; the relay's batches count too), transactions
/// (<c>pg_stat_database.xact_commit</c>, which also counts each statement run outside a transaction, reads included)
/// and WAL flushes (<c>pg_stat_wal.wal_sync</c>: the fsyncs commits wait for; one flush can serve several commits).
/// Without a database (or without the extension) every figure is absent rather than zero.
/// </summary>
public sealed class PgStatsMeter(string? connectionString)
{
    private const string Query = """
        SELECT (SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements WHERE query !~* '^\s*(BEGIN|START TRANSACTION|COMMIT|ROLLBACK)'),
               pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
               (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
               (SELECT wal_sync FROM pg_stat_wal)
        """;

    public PgStatsSnapshot? Take()
    {
        if (connectionString is null)
            return null;
        try
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand(Query, connection);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new PgStatsSnapshot(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }
        catch (PostgresException e)
        {
            Console.Error.WriteLine($"pg_stat_statements unavailable ({e.MessageText}): statements per request not reported");
            return null;
        }
    }

    /// <summary>
    /// Waits until the outbox holds no unpublished row, or stops shrinking (a server without a relay), for at most two
    /// minutes: a window after an overloaded one would otherwise share the box with the relay publishing that window's
    /// backlog, and measure the aftermath instead of its own rate.
    /// </summary>
    public async Task WaitForOutboxToDrainAsync()
    {
        if (connectionString is null)
            return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE published_at IS NULL", connection);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        var previous = long.MaxValue;
        while (DateTime.UtcNow < deadline)
        {
            var unpublished = (long)(await count.ExecuteScalarAsync())!;
            if (unpublished == 0 || unpublished >= previous)
                return;
            previous = unpublished;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Each count per request answered between the snapshots; empty when either is missing.</summary>
    public static Dictionary<string, double> PerRequest(PgStatsSnapshot? from, PgStatsSnapshot? to, long requests)
    {
        if (from is null || to is null || requests <= 0)
            return [];
        return new Dictionary<string, double>
        {
            ["pg_statements_per_request"] = (to.Statements - from.Statements) / (double)requests,
            ["pg_commits_per_request"] = (to.WriteTransactions - from.WriteTransactions) / (double)requests,
            ["pg_transactions_per_request"] = (to.Transactions - from.Transactions) / (double)requests,
            ["pg_wal_flushes_per_request"] = (to.WalFlushes - from.WalFlushes) / (double)requests,
        };
    }
}
