using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskManager.Application.Common.Json;

namespace TaskManager.Api.Hosting;

/// <summary>
/// /health/live answers while the process runs; /health/ready also needs PostgreSQL and Redis. Both answer GET and HEAD
/// only: a probe that "succeeds" with POST or TRACE would hide a misconfigured load balancer, so other methods get 405.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";

    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        Probe(routes, "/health/live", _ => false);
        Probe(routes, "/health/ready", c => c.Tags.Contains(ReadyTag));
        return routes;
    }

    // Health-check endpoints accept every method; the method metadata lets routing answer the others with 405.
    private static void Probe(IEndpointRouteBuilder routes, string path, Func<HealthCheckRegistration, bool> predicate) =>
        routes.MapHealthChecks(path, new HealthCheckOptions { Predicate = predicate, ResponseWriter = WriteAsync })
            .WithMetadata(new HttpMethodMetadata(Methods)).WithTags("Health").AllowAnonymous();

    private static Task WriteAsync(HttpContext context, HealthReport report) =>
        HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsJsonAsync(new
        {
            Status = report.Status == HealthStatus.Healthy ? "ok" : "unavailable",
            Checks = report.Entries.ToDictionary(e => e.Key, e => new { Status = e.Value.Status == HealthStatus.Healthy ? "ok" : "unavailable", e.Value.Description }),
        }, WireJson.Options);
}
