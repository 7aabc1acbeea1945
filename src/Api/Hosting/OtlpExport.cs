using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using TaskManager.Infrastructure;

namespace TaskManager.Api.Hosting;

/// <summary>
/// OTEL_EXPORTER_OTLP_ENDPOINT: when set, the service pushes traces to an OpenTelemetry collector — each HTTP request
/// with the SQL it ran (Npgsql), the Redis commands (relay publishes, stream reads) and the MCP operations — and the
/// metrics /metrics serves as well. Unset, nothing is traced and nothing leaves the process. The exporter reads the
/// other standard OTEL_* variables itself (OTEL_EXPORTER_OTLP_PROTOCOL, _HEADERS, OTEL_BSP_*); only the endpoint is
/// checked here, so a typo stops start-up instead of exporting nothing.
/// </summary>
public static class OtlpExport
{
    /// <summary>The MCP SDK's ActivitySource and Meter (tools/call and session durations).</summary>
    public const string McpTelemetry = "Experimental.ModelContextProtocol";

    public static WebApplicationBuilder AddOtlpExport(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (Settings.Url(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") is null)
            return builder;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(Settings.Text(configuration, "OTEL_SERVICE_NAME", "taskmanager")))
            .WithTracing(tracing => tracing
                // Probes and scrapes come every few seconds and say nothing about users' requests.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsProbeOrScrape(http.Request.Path))
                .AddSource([McpTelemetry, .. DriverTelemetry.ActivitySources])
                .AddRedisInstrumentation()
                .AddOtlpExporter());
        if (MetricsOptions.From(configuration).Enabled)
            telemetry.WithMetrics(metrics => metrics.AddOtlpExporter());
        return builder;
    }

    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(MetricsSetup.Path);
}
