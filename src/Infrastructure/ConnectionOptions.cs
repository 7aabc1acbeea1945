namespace TaskManager.Infrastructure;

/// <summary>DATABASE_URL and REDIS_URL, read from the final configuration (so hosts and tests can override them) and checked at start-up.</summary>
public sealed class ConnectionOptions
{
    public string DatabaseUrl { get; set; } = "";

    public string RedisUrl { get; set; } = "";
}
