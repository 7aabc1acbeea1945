using System.Globalization;

namespace TaskManager.Api.Hosting;

/// <summary>
/// On SIGTERM Kestrel stops accepting connections and waits for in-flight requests, and hosted services (the outbox
/// relay, the SSE fan-out) get their stop signal; all of that within SHUTDOWN_TIMEOUT_SECONDS (default 15, below
/// Docker's and Kubernetes' 30 s kill deadline) before the remaining requests are aborted.
/// </summary>
public static class GracefulShutdown
{
    public const int DefaultSeconds = 15;

    public static TimeSpan Timeout(IConfiguration configuration)
    {
        var value = configuration["SHUTDOWN_TIMEOUT_SECONDS"];
        if (string.IsNullOrWhiteSpace(value))
            return TimeSpan.FromSeconds(DefaultSeconds);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 3600
            ? TimeSpan.FromSeconds(seconds)
            : throw new InvalidOperationException($"SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 3600, not '{value}'.");
    }

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var timeout = Timeout(configuration);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
        return services;
    }
}
