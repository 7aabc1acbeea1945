using TaskManager.Infrastructure;

namespace TaskManager.Api.Hosting;

/// <summary>Maps the contract's plain environment variables (HOST, PORT, DEBUG) onto ASP.NET Core settings.</summary>
public static class EnvironmentConfiguration
{
    public const int DefaultPort = 8000;

    /// <summary>HOST as configured (trimmed), or null when unset: the listener then uses 127.0.0.1.</summary>
    public static string? Host(IConfiguration configuration) => Settings.Text(configuration, "HOST")?.Trim();

    public static string ListenUrl(IConfiguration configuration)
    {
        var host = Host(configuration) ?? "127.0.0.1";
        var port = Settings.Int(configuration, "PORT", DefaultPort, 1, 65_535);
        return $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
    }

    public static bool IsDebug(IConfiguration configuration) => Settings.Flag(configuration, "DEBUG");
}
