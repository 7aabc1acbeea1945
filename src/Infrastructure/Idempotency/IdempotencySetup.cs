using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Idempotency;

namespace TaskManager.Infrastructure.Idempotency;

public static class IdempotencySetup
{
    /// <summary>The retention every host's create handler honours.</summary>
    public static IServiceCollection AddIdempotency(this IServiceCollection services)
    {
        services.AddOptions<IdempotencyOptions>()
            .Configure<IConfiguration>((o, configuration) =>
                o.RetentionHours = Settings.Number(configuration, "IDEMPOTENCY_RETENTION_HOURS", o.RetentionHours, 0.1, 8_760))
            // Binds at start-up, so a value Settings refuses stops it rather than the first keyed create.
            .ValidateOnStart();
        return services;
    }

    /// <summary>The background deletion of expired records; only processes that serve run it (not the CLI verbs).</summary>
    public static IServiceCollection AddIdempotencyCleanup(this IServiceCollection services)
    {
        services.AddSingleton<IdempotencyCleanup>();
        services.AddHostedService(sp => sp.GetRequiredService<IdempotencyCleanup>());
        return services;
    }
}
