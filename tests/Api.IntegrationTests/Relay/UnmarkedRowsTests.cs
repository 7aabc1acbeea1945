using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Infrastructure.Events;

namespace TaskManager.Api.IntegrationTests.Relay;

/// <summary>When the relay marks what it published: batches gather until the oldest has waited, or a batch's worth is there.</summary>
public sealed class UnmarkedRowsTests
{
    private const int BatchSize = 4;

    private static readonly DateTimeOffset Start = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    private TestClock _clock = null!;
    private UnmarkedRows _rows = null!;

    [SetUp]
    public void CreateRows()
    {
        _clock = new TestClock(Start);
        _rows = new UnmarkedRows(_clock);
    }

    [Test]
    public void Nothing_IsNeverDue_AndWaitsForever()
    {
        _clock.Now += TimeSpan.FromHours(1);

        Assert.Multiple(() =>
        {
            Assert.That(_rows.MarkDue(BatchSize), Is.False);
            Assert.That(_rows.UntilMarkDue, Is.EqualTo(Timeout.InfiniteTimeSpan));
        });
    }

    [Test]
    public void SmallBatches_GatherUntilTheOldestHasWaitedTheMarkDelay()
    {
        _rows.Add([1]);
        _clock.Now += UnmarkedRows.MarkDelay / 2;
        _rows.Add([2]);

        Assert.Multiple(() =>
        {
            Assert.That(_rows.MarkDue(BatchSize), Is.False, "the oldest has waited half the delay");
            Assert.That(_rows.UntilMarkDue, Is.EqualTo(UnmarkedRows.MarkDelay / 2), "timed from the first row, not the last");
        });

        _clock.Now += UnmarkedRows.MarkDelay / 2;

        Assert.Multiple(() =>
        {
            Assert.That(_rows.MarkDue(BatchSize), Is.True);
            Assert.That(_rows.UntilMarkDue, Is.EqualTo(TimeSpan.Zero));
            Assert.That(_rows.Sequences, Is.EqualTo(new long[] { 1, 2 }), "both marked by one statement");
        });
    }

    [Test]
    public void ABatchesWorth_IsDueAtOnce()
    {
        _rows.Add([1, 2, 3, 4]);

        Assert.That(_rows.MarkDue(BatchSize), Is.True, "a backlog drains with one mark per full batch");
    }

    [Test]
    public void AfterAMark_TheDelayStartsAgainFromTheNextPublish()
    {
        _rows.Add([1]);
        _clock.Now += UnmarkedRows.MarkDelay * 3;
        _rows.Clear();
        _rows.Add([2]);

        Assert.Multiple(() =>
        {
            Assert.That(_rows.MarkDue(BatchSize), Is.False);
            Assert.That(_rows.UntilMarkDue, Is.EqualTo(UnmarkedRows.MarkDelay));
            Assert.That(_rows.Sequences, Is.EqualTo(new long[] { 2 }));
        });
    }
}
