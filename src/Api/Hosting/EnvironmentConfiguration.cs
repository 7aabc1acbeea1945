namespace TaskManager.Api.Hosting;

/// <summary>Maps the contract's plain environment variables (HOST, PORT, DEBUG) onto ASP.NET Core settings.</summary>
public static class EnvironmentConfiguration
{
    public const int DefaultPort = 8000;

    public static string ListenUrl(IConfiguration configuration)
    {
        var host = configuration["HOST"] is { Length: > 0 } h ? h : "127.0.0.1";
        var port = int.TryParse(configuration["PORT"], out var p) && p is > 0 and < 65536 ? p : DefaultPort;
        return $"http://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
    }

    public static bool IsDebug(IConfiguration configuration) =>
        configuration["DEBUG"] is { } debug && (debug.Equals("true", StringComparison.OrdinalIgnoreCase) || debug == "1");
}
