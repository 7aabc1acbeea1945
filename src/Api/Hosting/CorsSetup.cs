using TaskManager.Application.Contract;

namespace TaskManager.Api.Hosting;

/// <summary>
/// CORS_ORIGINS (comma list, e.g. <c>https://board.example.com,vscode-webview://abc</c>, or <c>*</c>) lets a dashboard
/// or extension served from elsewhere call the API. Unset: same-origin only (the bundled dashboard needs nothing).
/// Tokens travel in headers, not cookies, so credentials are never allowed.
/// </summary>
public static class CorsSetup
{
    public static IReadOnlyList<string> Origins(IConfiguration configuration) => ConfigList.Split(configuration["CORS_ORIGINS"]);

    public static IServiceCollection AddTaskManagerCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = Origins(configuration);
        services.AddCors(options => options.AddDefaultPolicy(policy =>
        {
            if (origins.Contains("*"))
                policy.AllowAnyOrigin();
            else
                policy.WithOrigins([.. origins]);
            policy.AllowAnyHeader()
                .AllowAnyMethod()
                .WithExposedHeaders(WireHeaders.ETag, "Location", "Retry-After", WireHeaders.RequestId, WireHeaders.IdempotencyKey, WireHeaders.IdempotentReplayed)
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        return services;
    }

    /// <summary>Only when origins are configured: otherwise a preflight is just an OPTIONS request (405, error JSON).</summary>
    public static IApplicationBuilder UseTaskManagerCors(this IApplicationBuilder app) =>
        Origins(app.ApplicationServices.GetRequiredService<IConfiguration>()).Count > 0 ? app.UseCors() : app;
}
