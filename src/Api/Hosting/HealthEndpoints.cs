using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskManager.Application.Common.Json;

namespace TaskManager.Api.Hosting;

/// <summary>/health/live answers while the process runs; /health/ready also needs PostgreSQL and Redis.</summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .WithTags("Health").AllowAnonymous();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .WithTags("Health").AllowAnonymous();
        return routes;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(new
        {
            Status = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
            Checks = report.Entries.ToDictionary(e => e.Key, e => new { Status = e.Value.Status == HealthStatus.Healthy ? "ok" : "unavailable", e.Value.Description }),
        }, WireJson.Options);
}
