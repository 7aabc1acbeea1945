namespace TaskManager.Infrastructure.Identity;

/// <summary>API_KEY_SALT: the HMAC key of the stored digests. Changing it invalidates every issued key.</summary>
public sealed class ApiKeyOptions
{
    public string Salt { get; set; } = "";

    /// <summary>How often recorded key use is written to <c>api_keys.last_used_at</c> (API_KEY_USAGE_FLUSH_SECONDS).</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// API_KEY_CACHE_SECONDS: how long an instance trusts a key it accepted (<see cref="ApiKeyCache"/>). A revocation, or
    /// the owner's deactivation, reaches every instance at once through its event; this only bounds how long a lost
    /// event could go unnoticed. 0 looks every call up in PostgreSQL.
    /// </summary>
    public TimeSpan CacheLifetime { get; set; } = TimeSpan.FromSeconds(30);
}
