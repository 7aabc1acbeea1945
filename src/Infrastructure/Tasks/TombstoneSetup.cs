using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace TaskManager.Infrastructure.Tasks;

public static class TombstoneSetup
{
    /// <summary>The retention, bound and checked at start-up by every host, so a bad value stops any of them.</summary>
    public static IServiceCollection AddTombstoneRetention(this IServiceCollection services)
    {
        services.AddOptions<TombstoneOptions>()
            .Configure<IConfiguration>((o, configuration) =>
                o.RetentionHours = Settings.Number(configuration, "TOMBSTONE_RETENTION_HOURS", o.RetentionHours, 1, 87_600))
            .ValidateOnStart();
        return services;
    }

    /// <summary>The background purge; only processes that serve run it (not the CLI verbs).</summary>
    public static IServiceCollection AddTombstonePurge(this IServiceCollection services)
    {
        services.AddSingleton<TombstonePurge>();
        services.AddHostedService(sp => sp.GetRequiredService<TombstonePurge>());
        return services;
    }
}
