using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Api.IntegrationTests.Realtime;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Relay;

/// <summary>
/// OUTBOX_COALESCE_MS end to end: commits close together are published as one batch, and a lone commit after a quiet
/// spell is not held back. Batches are observed as the relay reports them, on the instance's own meter.
/// </summary>
public sealed class RelayCoalescingTests : LiveUpdateTestBase
{
    /// <summary>The longest allowed, so creates made one after another on a slow box still fall within it.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(1_000);

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<long> _batches = new();
    private readonly ConcurrentQueue<double> _relayLags = new();
    private MeterListener _listener = null!;

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["OUTBOX_COALESCE_MS"] = Interval.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
    };

    [SetUp]
    public async Task ListenToTheRelayOnceQuietAsync()
    {
        // Only this fixture's instance: other hosts in the process report on meters of the same name.
        var instance = Factory.Services.GetRequiredService<IMeterFactory>();
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, instance)
                    && instrument.Name is "taskmanager.outbox.batch_size" or "taskmanager.outbox.relay_lag")
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<long>((_, size, _, _) => _batches.Enqueue(size));
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => _relayLags.Enqueue(seconds));
        _listener.Start();

        // The set-up's users and repositories have events of their own; they are out of the way once marked published.
        Assert.That(await OutboxRows.AllMarkedPublishedAsync((await DatabaseAsync()).ConnectionString, PublishTimeout), Is.True,
            "the set-up's events were not published");
        _batches.Clear();
        _relayLags.Clear();
    }

    [TearDown]
    public void StopListening() => _listener.Dispose();

    [Test]
    public async Task Commits_WithinTheInterval_ArePublishedInOneBatch()
    {
        await CreateTaskAsync(AdminClient, "Opens an interval", null, Repo);
        await PublishedAsync(1);
        _batches.Clear();

        for (var i = 0; i < 10; i++)
            await CreateTaskAsync(AdminClient, $"Close behind #{i}", null, Repo);
        await PublishedAsync(10);

        // One read at the end of the interval takes all ten; a box slow enough to spread ten creates over more than
        // the interval makes two. Without gathering, each create's ring is a read and a batch of its own.
        Assert.That(_batches, Has.Count.LessThanOrEqualTo(2), string.Join(", ", _batches));
    }

    [Test]
    public async Task ALoneCommit_AfterAQuietSpell_IsPublishedAtOnce()
    {
        await CreateTaskAsync(AdminClient, "Opens an interval", null, Repo);
        await PublishedAsync(1);
        await Task.Delay(Interval * 1.5);
        _relayLags.Clear();
        _batches.Clear();

        await CreateTaskAsync(AdminClient, "After a quiet spell", null, Repo);
        await PublishedAsync(1);

        Assert.That(_relayLags.Single(), Is.LessThan(Interval.TotalSeconds), "not held for an interval after the last batch");
    }

    /// <summary>Until the relay has reported batches holding <paramref name="events"/> events since the last clear.</summary>
    private async Task PublishedAsync(int events) =>
        Assert.That(await EventuallyTrueAsync(() => _batches.Sum() >= events, PublishTimeout), Is.True,
            $"{_batches.Sum()} of {events} events published within {PublishTimeout.TotalSeconds} s");
}
