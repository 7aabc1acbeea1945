namespace TaskManager.Infrastructure.Identity;

/// <summary>API_KEY_SALT: the HMAC key of the stored digests. Changing it invalidates every issued key.</summary>
public sealed class ApiKeyOptions
{
    public string Salt { get; set; } = "";

    /// <summary>How often recorded key use is written to <c>api_keys.last_used_at</c> (API_KEY_USAGE_FLUSH_SECONDS).</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromSeconds(30);
}
