namespace TaskManager.Infrastructure.Identity;

public sealed class UserCacheOptions
{
    /// <summary>
    /// USER_CACHE_SECONDS: how long an instance trusts what it read about a token's user. A deactivation reaches every
    /// instance at once through its <c>user_changed</c> event; this only bounds how long a lost event could go unnoticed.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(30);
}
