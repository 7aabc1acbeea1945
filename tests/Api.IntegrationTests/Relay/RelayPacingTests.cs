using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Infrastructure.Events;

namespace TaskManager.Api.IntegrationTests.Relay;

/// <summary>When the relay may read again: not before the interval since its last batch's read began, and at once after a quiet spell.</summary>
public sealed class RelayPacingTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 7, 0, 0, TimeSpan.Zero);

    private TestClock _clock = null!;
    private RelayPacing _pacing = null!;

    [SetUp]
    public void CreatePacing()
    {
        _clock = new TestClock(Start);
        _pacing = new RelayPacing(Interval, _clock);
    }

    [Test]
    public void BeforeAnyBatch_TheReadIsNotHeldBack() =>
        Assert.That(_pacing.UntilNextRead, Is.EqualTo(TimeSpan.Zero));

    [Test]
    public void AfterABatch_TheNextReadWaitsTheRestOfTheInterval_TimedFromWhenTheReadBegan()
    {
        _pacing.BatchRead(_clock.Now);
        _clock.Now += TimeSpan.FromMilliseconds(4);

        Assert.That(_pacing.UntilNextRead, Is.EqualTo(TimeSpan.FromMilliseconds(6)));
    }

    [Test]
    public void AfterAQuietSpell_TheReadIsNotHeldBack()
    {
        _pacing.BatchRead(_clock.Now);
        _clock.Now += Interval;

        Assert.That(_pacing.UntilNextRead, Is.EqualTo(TimeSpan.Zero), "a lone change after the interval goes out at once");
    }

    [Test]
    public void EachBatch_StartsTheIntervalAgain()
    {
        _pacing.BatchRead(_clock.Now);
        _clock.Now += Interval * 3;
        _pacing.BatchRead(_clock.Now);
        _clock.Now += TimeSpan.FromMilliseconds(1);

        Assert.That(_pacing.UntilNextRead, Is.EqualTo(Interval - TimeSpan.FromMilliseconds(1)));
    }

    [Test]
    public void AClockThatStepsBack_HoldsAReadNoLongerThanTheInterval()
    {
        _pacing.BatchRead(_clock.Now);
        _clock.Now -= TimeSpan.FromHours(1);

        Assert.That(_pacing.UntilNextRead, Is.EqualTo(Interval), "not an hour: the relay would publish nothing meanwhile");
    }

    [Test]
    public void ZeroInterval_NeverHoldsAReadBack()
    {
        var eager = new RelayPacing(TimeSpan.Zero, _clock);
        eager.BatchRead(_clock.Now);

        Assert.That(eager.UntilNextRead, Is.EqualTo(TimeSpan.Zero));
    }
}
