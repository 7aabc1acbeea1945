using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Realtime;

/// <summary>
/// An open stream's own look at whether its owner may still listen. The <c>user_changed</c> event ends a deactivated
/// person's streams at once; this catches a deactivation whose event was lost (Redis flushed or down while it
/// committed) within USER_CACHE_SECONDS and a heartbeat. It asks the cache authentication asks, so a stream costs a
/// database read at most once per cache lifetime, however often it checks.
/// </summary>
public sealed class AccountCheck(KnownUsers users, Guid userId, TimeSpan interval)
{
    private long _dueAt = Environment.TickCount64 + (long)interval.TotalMilliseconds;

    /// <summary>False once the owner is deactivated (or gone); looks at most once per interval, true in between.</summary>
    public async ValueTask<bool> StillActiveAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (now < _dueAt)
            return true;
        _dueAt = now + (long)interval.TotalMilliseconds;
        return await users.FindAsync(userId, ct) is { Active: true };
    }
}
