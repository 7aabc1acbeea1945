using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Infrastructure.Time;

public sealed class SystemClock(TimeProvider time) : IClock
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public DateTimeOffset UtcNow
    {
        get
        {
            var now = time.GetUtcNow();
            return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TicksPerMicrosecond), TimeSpan.Zero);
        }
    }
}
