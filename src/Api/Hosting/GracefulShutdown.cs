using TaskManager.Infrastructure;

namespace TaskManager.Api.Hosting;

/// <summary>
/// On SIGTERM Kestrel stops accepting connections and waits for in-flight requests, and hosted services (the outbox
/// relay, the SSE fan-out) get their stop signal; all of that within SHUTDOWN_TIMEOUT_SECONDS (default 15, below
/// Docker's and Kubernetes' 30 s kill deadline) before the remaining requests are aborted.
/// </summary>
public static class GracefulShutdown
{
    public const int DefaultSeconds = 15;

    public static TimeSpan Timeout(IConfiguration configuration) =>
        TimeSpan.FromSeconds(Settings.Int(configuration, "SHUTDOWN_TIMEOUT_SECONDS", DefaultSeconds, 1, 3_600));

    public static IServiceCollection AddGracefulShutdown(this IServiceCollection services, IConfiguration configuration)
    {
        var timeout = Timeout(configuration);
        services.Configure<HostOptions>(o => o.ShutdownTimeout = timeout);
        return services;
    }
}
