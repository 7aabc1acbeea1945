using Microsoft.Extensions.Options;
using Npgsql;

namespace TaskManager.Infrastructure.Events;

/// <summary>
/// The right to relay the outbox, held by one instance at a time: a row in <c>outbox_relay_lease</c> with the holder,
/// an epoch and an expiry. Every statement is one short autocommit UPDATE, so no lock or transaction outlives it, and
/// a holder that freezes simply lets its lease run out; another instance then takes it with the next epoch.
/// </summary>
/// <remarks>
/// The lease only decides who should relay. What keeps a holder that wakes up after losing it from publishing is the
/// epoch: every publish carries it, and Redis refuses one older than the newest it has seen (ADR 0004).
/// </remarks>
public sealed class RelayLease(NpgsqlDataSource database, IOptions<EventsOptions> options, TimeProvider time)
{
    // Renews or takes the lease: the holder keeps its epoch, a taker bumps it. The row is created on first use (and
    // again after someone empties the table); both parts see one snapshot, so exactly one of them can return a row.
    private const string TakeSql = """
        WITH taken AS (
          UPDATE outbox_relay_lease
          SET epoch = CASE WHEN holder = @holder THEN epoch ELSE epoch + 1 END,
              holder = @holder, expires_at = now() + @duration
          WHERE name = 'outbox' AND (holder = @holder OR expires_at < now())
          RETURNING epoch),
        created AS (
          INSERT INTO outbox_relay_lease (name, holder, epoch, expires_at)
          SELECT 'outbox', @holder, 1, now() + @duration
          WHERE NOT EXISTS (SELECT 1 FROM outbox_relay_lease WHERE name = 'outbox')
          ON CONFLICT (name) DO NOTHING
          RETURNING epoch)
        SELECT epoch FROM taken UNION ALL SELECT epoch FROM created
        """;

    // Moves a still-valid lease past an epoch Redis has seen: Redis outlived the table's contents (the table was emptied,
    // or another database's relays share this Redis). Only the current holder can do it, so it never revives a stale one.
    private const string RebaseSql = """
        UPDATE outbox_relay_lease SET epoch = greatest(epoch, @newest) + 1, expires_at = now() + @duration
        WHERE name = 'outbox' AND holder = @holder AND epoch = @epoch AND expires_at > now()
        RETURNING epoch
        """;

    private long _renewedAt;

    /// <summary>This process's name in the table: host and process id for operators, plus a random part so a restarted process is a new holder.</summary>
    public string Holder { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>The epoch of the lease this process holds, or null while another instance holds it.</summary>
    public long? Epoch { get; private set; }

    private TimeSpan Duration => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>Renewing at a third of the lease leaves two chances to renew before anyone may take it.</summary>
    public TimeSpan RenewalInterval => Duration / 3;

    /// <summary>
    /// Returns the epoch to publish with: the held lease while it is fresh, else the result of renewing or taking it
    /// (null when another instance holds it). Returns whether this call took it from nobody or someone else.
    /// </summary>
    public async Task<(long? Epoch, bool Taken)> HoldAsync(CancellationToken ct)
    {
        if (Epoch is { } held && time.GetElapsedTime(_renewedAt) < RenewalInterval)
            return (held, false);
        var previous = Epoch;
        Epoch = await RunAsync(TakeSql, addParameters: null, ct);
        return (Epoch, Epoch is not null && Epoch != previous);
    }

    /// <summary>After Redis refused <see cref="Epoch"/> as older than <paramref name="newest"/>: the new epoch, or null when the lease is lost.</summary>
    public async Task<long?> RebaseAsync(long newest, CancellationToken ct)
    {
        if (Epoch is not { } held)
            return null;
        Epoch = await RunAsync(RebaseSql, command =>
        {
            command.Parameters.AddWithValue("newest", newest);
            command.Parameters.AddWithValue("epoch", held);
        }, ct);
        return Epoch;
    }

    /// <summary>Best effort, on shutdown: lets another instance take the lease at once instead of when it runs out.</summary>
    public async Task ReleaseAsync()
    {
        if (Epoch is null)
            return;
        Epoch = null;
        try
        {
            await using var command = database.CreateCommand(
                "UPDATE outbox_relay_lease SET expires_at = now() WHERE name = 'outbox' AND holder = @holder");
            command.CommandTimeout = options.Value.LeaseSeconds;
            command.Parameters.AddWithValue("holder", Holder);
            await command.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The lease runs out by itself.
        }
    }

    private async Task<long?> RunAsync(string sql, Action<NpgsqlCommand>? addParameters, CancellationToken ct)
    {
        // Stamped before the round trip, so the local idea of the expiry is never later than the database's.
        var startedAt = time.GetTimestamp();
        await using var command = database.CreateCommand(sql);
        command.CommandTimeout = options.Value.LeaseSeconds;
        command.Parameters.AddWithValue("holder", Holder);
        command.Parameters.AddWithValue("duration", Duration);
        addParameters?.Invoke(command);
        try
        {
            var epoch = await command.ExecuteScalarAsync(ct) as long?;
            if (epoch is not null)
                _renewedAt = startedAt;
            return epoch;
        }
        catch
        {
            // Unknown whether it was renewed: stop publishing under it until a statement says so.
            Epoch = null;
            throw;
        }
    }
}
