namespace TaskManager.Application.Common.Lookups;

public sealed class DirectoryCacheOptions
{
    /// <summary>
    /// DIRECTORY_CACHE_SECONDS: how long an instance trusts what it read about a user or repository it resolved. A change
    /// reaches every instance at once through its directory event; this only bounds how long a lost event could go
    /// unnoticed. Zero turns the cache off.
    /// </summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(60);
}
