namespace TaskManager.Infrastructure;

/// <summary>
/// What the drivers publish on their own, for a host that exports telemetry. Npgsql reports its connection pools and
/// command durations on the "Npgsql" meter and a span per command on the "Npgsql" ActivitySource (all
/// Npgsql.OpenTelemetry's AddNpgsql does is subscribe to them; naming them here keeps the driver out of the Api).
/// StackExchange.Redis publishes neither: its commands are traced by OpenTelemetry's Redis instrumentation, which
/// hooks the connection's profiler, and its health shows in the relay's and the streams' own metrics.
/// </summary>
public static class DriverTelemetry
{
    public static readonly IReadOnlyList<string> Meters = ["Npgsql"];

    public static readonly IReadOnlyList<string> ActivitySources = ["Npgsql"];
}
