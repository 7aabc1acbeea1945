using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using TaskManager.Infrastructure.Events;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Relay;

/// <summary>The relay lease on a real PostgreSQL: one holder at a time, a new epoch for each taker, and who may move the epoch.</summary>
[NonParallelizable]
public sealed class RelayLeaseTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private NpgsqlDataSource _database = null!;

    [OneTimeSetUp]
    public async Task ConnectAsync()
    {
        var reset = await DatabaseReset.CreateAsync("taskmanager_relay_tests");
        _database = NpgsqlDataSource.Create(reset.ConnectionString);
    }

    [OneTimeTearDown]
    public async Task DisconnectAsync() => await _database.DisposeAsync();

    [SetUp]
    public async Task FreeTheLeaseAsync()
    {
        await using var command = _database.CreateCommand("UPDATE outbox_relay_lease SET expires_at = now() - interval '1 second'");
        await command.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task AnotherInstance_TakesTheLeaseOnlyOnceItRunsOut_WithTheNextEpoch_AndTheFormerHolderFollows()
    {
        var first = Lease(seconds: 2);
        var second = Lease(seconds: 60);

        var (held, taken) = await first.HoldAsync(CancellationToken.None);
        var (refused, _) = await second.HoldAsync(CancellationToken.None);
        Assert.Multiple(() =>
        {
            Assert.That(held, Is.Not.Null);
            Assert.That(taken, Is.True);
            Assert.That(refused, Is.Null, "held by the first");
        });

        // The first stops renewing, as a frozen process would; the second keeps trying.
        var next = await UntilHeldAsync(second);
        var (former, _) = await UntilRenewalDueAsync(first);

        Assert.Multiple(() =>
        {
            Assert.That(next, Is.EqualTo(held + 1));
            Assert.That(former, Is.Null, "the lease moved on while the first was away");
        });
    }

    [Test]
    public async Task Rebase_MovesTheHoldersEpochPastTheNewestRedisSaw_ButNotAFormerHolders()
    {
        var first = Lease(seconds: 2);
        var second = Lease(seconds: 60);
        var (stale, _) = await first.HoldAsync(CancellationToken.None);
        var current = await UntilHeldAsync(second);

        var refused = await first.RebaseAsync(current + 10, CancellationToken.None);
        var moved = await second.RebaseAsync(current + 10, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(stale, Is.Not.Null);
            Assert.That(refused, Is.Null, "only the holder may move the epoch");
            Assert.That(moved, Is.EqualTo(current + 11));
        });
    }

    /// <summary>The first holder's lease is short, so the test need not wait; the taker's is long, so the first cannot win it back meanwhile.</summary>
    private RelayLease Lease(int seconds) =>
        new(_database, Options.Create(new EventsOptions { LeaseSeconds = seconds }), TimeProvider.System);

    private static async Task<long> UntilHeldAsync(RelayLease lease)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            if ((await lease.HoldAsync(CancellationToken.None)).Epoch is { } epoch)
                return epoch;
            await Task.Delay(100);
        }
        Assert.Fail($"The lease was not free within {Deadline}.");
        return 0;
    }

    /// <summary>A holder checks the table again only once its renewal is due.</summary>
    private static async Task<(long? Epoch, bool Taken)> UntilRenewalDueAsync(RelayLease lease)
    {
        await Task.Delay(lease.RenewalInterval);
        return await lease.HoldAsync(CancellationToken.None);
    }
}
