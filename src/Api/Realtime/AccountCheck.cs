using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Realtime;

/// <summary>
/// An open stream's own look at whether its owner may still listen. The <c>user_changed</c> event ends a deactivated
/// person's streams at once; this catches a deactivation whose event was lost (Redis flushed or down while it
/// committed) within USER_CACHE_SECONDS and a heartbeat. The stream looks at each hub tick (half a heartbeat), idle or
/// busy, never per event; it asks the cache authentication asks, so a stream costs a database read at most once per
/// cache lifetime.
/// </summary>
public sealed class AccountCheck(KnownUsers users, Guid userId)
{
    /// <summary>False once the owner is deactivated (or gone).</summary>
    public async ValueTask<bool> StillActiveAsync(CancellationToken ct) => await users.FindAsync(userId, ct) is { Active: true };
}
