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
                o.HeartbeatSeconds = Settings.Number(configuration, "SSE_HEARTBEAT_SECONDS", o.HeartbeatSeconds, 0.1, 3_600);
                o.MaxStreamsPerUser = Settings.Int(configuration, "SSE_MAX_STREAMS_PER_USER", o.MaxStreamsPerUser, 1, 10_000);
                o.SubscriberBuffer = Settings.Int(configuration, "SSE_SUBSCRIBER_BUFFER", o.SubscriberBuffer, 1, 1_000_000);
                o.RetryMilliseconds = Settings.Int(configuration, "SSE_RETRY_MS", o.RetryMilliseconds, 0, 3_600_000);
                o.PollMilliseconds = Settings.Int(configuration, "SSE_POLL_MS", o.PollMilliseconds, 10, 60_000);
            })
            // Binds at start-up, so a value Settings refuses stops it rather than the first stream.
            .ValidateOnStart();
        services.AddSingleton<EventStreamHub>();
        services.AddSingleton<ITaskEventNotifier>(sp => sp.GetRequiredService<EventStreamHub>());
        services.AddSingleton<IDirectoryChangeListener>(sp => sp.GetRequiredService<EventStreamHub>());
        services.AddHostedService(sp => sp.GetRequiredService<EventStreamHub>());
        return services;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder routes)
    {
        routes.MapTaskStream();
        return routes;
    }
}
