using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TaskManager.Infrastructure.Tasks;

public static class LeaseExpirySetup
{
    /// <summary>The background lease expiry; only processes that serve run it (not the CLI verbs).</summary>
    public static IServiceCollection AddLeaseExpiry(this IServiceCollection services)
    {
        services.AddOptions<LeaseExpiryOptions>()
            .Configure<IConfiguration>((o, configuration) => o.SweepSeconds = Settings.Number(configuration, "LEASE_SWEEP_SECONDS", o.SweepSeconds))
            .Validate(o => o.SweepSeconds is >= 0.1 and <= 3600, "LEASE_SWEEP_SECONDS must be between 0.1 and 3600.")
            .ValidateOnStart();
        services.AddHostedService<LeaseExpirySweeper>();
        return services;
    }
}
