namespace TaskManager.Api.IntegrationTests.Support;

/// <summary>A clock the test moves, for a cache tested on its own.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
