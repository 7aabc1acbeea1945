namespace TaskManager.Infrastructure;

/// <summary>
/// The meters the drivers publish on their own, for a host that exports metrics. Npgsql reports its connection pools
/// and command durations on "Npgsql" (all Npgsql.OpenTelemetry's AddNpgsqlInstrumentation does is subscribe to it, and
/// naming it here keeps the driver out of the Api). StackExchange.Redis publishes no meter (its OpenTelemetry package
/// only traces), so Redis shows through the relay's and the streams' own metrics.
/// </summary>
public static class DriverMeters
{
    public static readonly IReadOnlyList<string> Names = ["Npgsql"];
}
