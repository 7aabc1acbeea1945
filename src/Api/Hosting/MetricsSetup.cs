using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using TaskManager.Application.Common.Metrics;
using TaskManager.Infrastructure;
using TaskManager.Infrastructure.Events;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Hosting;

/// <summary>
/// Metrics for operators: OpenTelemetry collects ASP.NET Core's HTTP server metrics, Npgsql's and our own
/// <see cref="TaskManagerMetrics"/> and serves them in the Prometheus text format at <see cref="Path"/>. On the service
/// port only admins (a JWT with role admin) and callers on this machine may read them. With METRICS_PORT they are served
/// on that port alone, to whoever can reach it (the port is meant for the monitoring network, and Prometheus has no
/// JWT), and the service port has no /metrics. METRICS_ENABLED=false leaves all of it out.
/// </summary>
public static class MetricsSetup
{
    public const string Path = "/metrics";

    private const string AdminOrLocalPolicy = "metrics";

    /// <summary>
    /// The runtime's own meter (.NET 9+): GC pauses, heap size, thread-pool queue, CPU time — what explains a latency
    /// spike the HTTP metrics only show.
    /// </summary>
    private const string RuntimeMeter = "System.Runtime";

    /// <summary>Call after the listen URL is set: a metrics port listens beside it, on the same host.</summary>
    public static WebApplicationBuilder AddTaskManagerMetrics(this WebApplicationBuilder builder)
    {
        var options = MetricsOptions.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(Options.Create(options));
        if (!options.Enabled)
            return builder;
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter([TaskManagerMetrics.MeterName, OtlpExport.McpTelemetry, RuntimeMeter, .. DriverTelemetry.Meters])
            .AddPrometheusExporter());
        services.AddHostedService<OutboxBacklogSampler>();
        services.AddAuthorizationBuilder().AddPolicy(AdminOrLocalPolicy, policy => policy.RequireAssertion(IsAdminOrLocal));
        if (options.Port is { } port)
        {
            // ListenUrl is one http://host:port; the metrics port shares its host, so it is as reachable as the service.
            var serviceUrl = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey)!;
            var metricsUrl = $"{serviceUrl[..serviceUrl.LastIndexOf(':')]}:{port}";
            if (metricsUrl == serviceUrl)
                throw new InvalidOperationException($"METRICS_PORT must differ from PORT ({port}); unset it to serve /metrics on PORT.");
            builder.WebHost.UseUrls(serviceUrl, metricsUrl);
        }
        return builder;
    }

    /// <summary>
    /// Goes after the error pages and before authentication: on the metrics port nothing but <see cref="Path"/> answers
    /// (everything else is 404), so that port never exposes the API, even to someone who holds a token.
    /// </summary>
    public static WebApplication UseTaskManagerMetrics(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
            return app;
        if (options.Port is { } port)
        {
            app.MapWhen(http => http.Connection.LocalPort == port, metricsPort =>
            {
                metricsPort.UseOpenTelemetryPrometheusScrapingEndpoint(Path);
                metricsPort.Run(http =>
                {
                    http.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            });
        }
        else
        {
            app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(AdminOrLocalPolicy).ExcludeFromDescription();
        }
        return app;
    }

    /// <summary>
    /// Loopback callers are the operator's own shell and a Prometheus agent beside the service. Behind a reverse proxy on
    /// the same machine every request looks local: block /metrics at the proxy, or use METRICS_PORT.
    /// </summary>
    private static bool IsAdminOrLocal(AuthorizationHandlerContext context) =>
        context.User.HasClaim(TaskManagerClaims.Role, TaskManagerClaims.AdminRole)
        || (context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address));
}
