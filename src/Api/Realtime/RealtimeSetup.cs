using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure;
using TaskManager.Infrastructure.Events;

namespace TaskManager.Api.Realtime;

/// <summary>Wiring of live updates for the web host: the outbox relay, the process's event reader and the SSE endpoint.</summary>
public static class RealtimeSetup
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddOutboxRelay();
        return services.AddLiveEventReader();
    }

    /// <summary>
    /// The process's one reader of the event log and its fan-out, which SSE streams and <c>wait_for_changes</c> long
    /// polls wait on.
    /// </summary>
    private static IServiceCollection AddLiveEventReader(this IServiceCollection services)
    {
        services.AddOptions<RealtimeOptions>()
            .Configure<IConfiguration>((o, configuration) =>
            {
                o.HeartbeatSeconds = Settings.Number(configuration, "SSE_HEARTBEAT_SECONDS", o.HeartbeatSeconds);
                o.MaxStreamsPerUser = (int)Settings.Number(configuration, "SSE_MAX_STREAMS_PER_USER", o.MaxStreamsPerUser);
                o.SubscriberBuffer = (int)Settings.Number(configuration, "SSE_SUBSCRIBER_BUFFER", o.SubscriberBuffer);
                o.RetryMilliseconds = (int)Settings.Number(configuration, "SSE_RETRY_MS", o.RetryMilliseconds);
                o.PollMilliseconds = (int)Settings.Number(configuration, "SSE_POLL_MS", o.PollMilliseconds);
            })
            .Validate(o => o.HeartbeatSeconds is >= 0.1 and <= 3600, "SSE_HEARTBEAT_SECONDS must be between 0.1 and 3600.")
            .Validate(o => o.MaxStreamsPerUser >= 1, "SSE_MAX_STREAMS_PER_USER must be at least 1.")
            .Validate(o => o.SubscriberBuffer >= 1, "SSE_SUBSCRIBER_BUFFER must be at least 1.")
            .Validate(o => o.RetryMilliseconds >= 0, "SSE_RETRY_MS must be zero or more.")
            .Validate(o => o.PollMilliseconds is >= 10 and <= 60_000, "SSE_POLL_MS must be between 10 and 60000.")
            .ValidateOnStart();
        services.AddSingleton<EventStreamHub>();
        services.AddSingleton<ITaskEventNotifier>(sp => sp.GetRequiredService<EventStreamHub>());
        services.AddHostedService(sp => sp.GetRequiredService<EventStreamHub>());
        return services;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder routes)
    {
        routes.MapTaskStream();
        return routes;
    }
}
