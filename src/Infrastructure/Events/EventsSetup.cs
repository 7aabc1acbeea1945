using System.Globalization;
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
                o.StreamMaxLength = Settings.Int(configuration, "EVENTS_STREAM_MAXLEN", o.StreamMaxLength);
                o.PollMilliseconds = Settings.Int(configuration, "OUTBOX_POLL_MS", o.PollMilliseconds);
                o.BatchSize = Settings.Int(configuration, "OUTBOX_BATCH_SIZE", o.BatchSize);
                o.MaxBackoffMilliseconds = Settings.Int(configuration, "OUTBOX_MAX_BACKOFF_MS", o.MaxBackoffMilliseconds);
                o.DeduplicationSeconds = Settings.Int(configuration, "EVENTS_DEDUP_SECONDS", o.DeduplicationSeconds);
                o.RetentionHours = configuration["OUTBOX_RETENTION_HOURS"] is { Length: > 0 } hours
                    && double.TryParse(hours, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) ? h : o.RetentionHours;
            })
            .Validate(o => o.StreamMaxLength >= 100, "EVENTS_STREAM_MAXLEN must be a whole number of at least 100.")
            .Validate(o => o.PollMilliseconds is >= 10 and <= 60_000, "OUTBOX_POLL_MS must be between 10 and 60000.")
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "OUTBOX_BATCH_SIZE must be between 1 and 10000.")
            .Validate(o => o.MaxBackoffMilliseconds is >= 100 and <= 300_000, "OUTBOX_MAX_BACKOFF_MS must be between 100 and 300000.")
            .Validate(o => o.DeduplicationSeconds >= 60, "EVENTS_DEDUP_SECONDS must be at least 60.")
            .Validate(o => o.RetentionHours >= 0, "OUTBOX_RETENTION_HOURS must be zero or more.")
            .ValidateOnStart();
        services.AddSingleton<RedisTaskEventFeed>();
        services.AddSingleton<ITaskEventFeed>(sp => sp.GetRequiredService<RedisTaskEventFeed>());
        services.AddSingleton<RedisEventPublisher>();
        return services;
    }

    /// <summary>The background relay from the outbox to Redis; only processes that serve run it (not the CLI verbs).</summary>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services)
    {
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        return services;
    }
}
