namespace TaskManager.Api.Realtime;

/// <summary>Live-update settings, bound once from the environment and checked at start-up.</summary>
public sealed class RealtimeOptions
{
    /// <summary>SSE_HEARTBEAT_SECONDS: idle time after which a heartbeat is sent (keeps proxies from closing the stream).</summary>
    public double HeartbeatSeconds { get; set; } = 15;

    /// <summary>
    /// How often the hub ticks every stream: a stream silent for at least this long at a tick sends a heartbeat, so no
    /// stream is silent for much longer than <see cref="HeartbeatSeconds"/>.
    /// </summary>
    public TimeSpan TickInterval => TimeSpan.FromSeconds(HeartbeatSeconds / 2);

    /// <summary>SSE_MAX_STREAMS_PER_USER: open streams one user may hold on one instance; more answer 429.</summary>
    public int MaxStreamsPerUser { get; set; } = 20;

    /// <summary>SSE_SUBSCRIBER_BUFFER: events queued for one subscriber before it counts as too slow and is disconnected.</summary>
    public int SubscriberBuffer { get; set; } = 1_000;

    /// <summary>SSE_RETRY_MS: the reconnection delay the server suggests to EventSource.</summary>
    public int RetryMilliseconds { get; set; } = 2_000;

    /// <summary>SSE_POLL_MS: how often the reader looks at Redis when no doorbell rang (a missed pub/sub message costs at most this).</summary>
    public int PollMilliseconds { get; set; } = 250;
}
