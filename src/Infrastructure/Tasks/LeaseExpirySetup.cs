using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TaskManager.Infrastructure.Tasks;

public static class LeaseExpirySetup
{
    /// <summary>The background lease expiry; only processes that serve run it (not the CLI verbs).</summary>
    public static IServiceCollection AddLeaseExpiry(this IServiceCollection services)
    {
        services.AddOptions<LeaseExpiryOptions>()
            .Configure<IConfiguration>((o, configuration) => o.SweepSeconds = Settings.Number(configuration, "LEASE_SWEEP_SECONDS", o.SweepSeconds, 0.1, 3_600))
            // Binds at start-up, so a value Settings refuses stops it rather than the first sweep.
            .ValidateOnStart();
        services.AddHostedService<LeaseExpirySweeper>();
        return services;
    }
}
