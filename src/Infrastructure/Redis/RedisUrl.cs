using StackExchange.Redis;

namespace TaskManager.Infrastructure.Redis;

/// <summary>Reads REDIS_URL (<c>redis://[:password@]host:port[/db]</c>, or <c>rediss://</c> for TLS) into client options.</summary>
public static class RedisUrl
{
    public static ConfigurationOptions Parse(string value)
    {
        if (!value.StartsWith("redis://", StringComparison.OrdinalIgnoreCase) && !value.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
            return ConfigurationOptions.Parse(value);

        var uri = new Uri(value);
        var options = new ConfigurationOptions
        {
            Ssl = uri.Scheme.Equals("rediss", StringComparison.OrdinalIgnoreCase),
            // Keep trying in the background while Redis is down; writes go on through the outbox meanwhile.
            AbortOnConnectFail = false,
        };
        options.EndPoints.Add(uri.Host, uri.IsDefaultPort || uri.Port <= 0 ? 6379 : uri.Port);
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo.Length == 2)
        {
            if (userInfo[0].Length > 0)
                options.User = Uri.UnescapeDataString(userInfo[0]);
            options.Password = Uri.UnescapeDataString(userInfo[1]);
        }
        if (int.TryParse(uri.AbsolutePath.TrimStart('/'), out var database))
            options.DefaultDatabase = database;
        return options;
    }
}
