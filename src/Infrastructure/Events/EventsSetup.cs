using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Infrastructure.Events;

/// <summary>Wiring of the event path: options and Redis adapters for every host, the relay only for hosts that serve.</summary>
public static class EventsSetup
{
    /// <summary>What any entry point may use: reading the published log, the options.</summary>
    public static IServiceCollection AddTaskEvents(this IServiceCollection services)
    {
        services.AddOptions<EventsOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.StreamMaxLength = Settings.Int(configuration, "EVENTS_STREAM_MAXLEN", o.StreamMaxLength, 100, 10_000_000);
                o.RetentionSeconds = Settings.Int(configuration, "EVENTS_RETENTION_SECONDS", o.RetentionSeconds, 1, 31_536_000);
                o.PollMilliseconds = Settings.Int(configuration, "OUTBOX_POLL_MS", o.PollMilliseconds, 10, 60_000);
                o.BatchSize = Settings.Int(configuration, "OUTBOX_BATCH_SIZE", o.BatchSize, 1, 10_000);
                o.CoalesceMilliseconds = Settings.Int(configuration, "OUTBOX_COALESCE_MS", o.CoalesceMilliseconds, 0, 1_000);
                o.LeaseSeconds = Settings.Int(configuration, "OUTBOX_LEASE_SECONDS", o.LeaseSeconds, 2, 300);
                o.MaxBackoffMilliseconds = Settings.Int(configuration, "OUTBOX_MAX_BACKOFF_MS", o.MaxBackoffMilliseconds, 100, 300_000);
                o.DeduplicationSeconds = Settings.Int(configuration, "EVENTS_DEDUP_SECONDS", o.DeduplicationSeconds, 60, 604_800);
                o.RetentionHours = Settings.Number(configuration, "OUTBOX_RETENTION_HOURS", o.RetentionHours, 0, 8_760);
            })
            // Binds at start-up, so a value Settings refuses stops it rather than the first publish.
            .ValidateOnStart();
        services.AddSingleton<RedisTaskEventFeed>();
        services.AddSingleton<ITaskEventFeed>(sp => sp.GetRequiredService<RedisTaskEventFeed>());
        services.AddSingleton<RedisEventPublisher>();
        return services;
    }

    /// <summary>The background relay from the outbox to Redis; only processes that serve run it (not the CLI verbs).</summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services)
    {
        services.AddSingleton<RelayLease>();
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return services;
    }
}
