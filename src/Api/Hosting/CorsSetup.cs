using TaskManager.Application.Contract;
using TaskManager.Infrastructure;

namespace TaskManager.Api.Hosting;

/// <summary>
/// CORS_ORIGINS (comma list, e.g. <c>https://board.example.com,vscode-webview://abc</c>, or <c>*</c>) lets a dashboard
/// or extension served from elsewhere call the API. Unset: same-origin only (the bundled dashboard needs nothing).
/// /mcp has its own policy, <see cref="McpPolicy"/>. Tokens travel in headers, not cookies, so credentials are never allowed.
/// </summary>
public static class CorsSetup
{
    /// <summary>The policy of /mcp: the origins <see cref="RebindingProtection.McpOriginAllowed"/> lets through, so a browser
    /// client such as the MCP Inspector can pass the preflight its X-API-Key header triggers.</summary>
    public const string McpPolicy = "mcp";

    public static IReadOnlyList<string> Origins(IConfiguration configuration) => Settings.List(configuration, "CORS_ORIGINS");

    public static IServiceCollection AddTaskManagerCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = Origins(configuration);
        services.AddCors(options =>
        {
            // No default policy without CORS_ORIGINS: a preflight elsewhere then stays an OPTIONS request (405, error JSON).
            if (origins.Count > 0)
                options.AddDefaultPolicy(policy =>
                {
                    if (origins.Contains("*"))
                        policy.AllowAnyOrigin();
                    else
                        policy.WithOrigins([.. origins]);
                    policy.AllowAnyHeader()
                        .AllowAnyMethod()
                        .WithExposedHeaders(WireHeaders.ETag, "Location", "Retry-After", WireHeaders.RequestId, WireHeaders.IdempotencyKey, WireHeaders.IdempotentReplayed)
                        .SetPreflightMaxAge(TimeSpan.FromHours(1));
                });
            options.AddPolicy(McpPolicy, policy => policy
                .SetIsOriginAllowed(RebindingProtection.McpOriginAllowed(configuration))
                .AllowAnyHeader()
                .AllowAnyMethod()
                // What a browser MCP client reads: the session and negotiated version, the 401 challenge, the rate limit.
                .WithExposedHeaders("Mcp-Session-Id", "Mcp-Protocol-Version", "WWW-Authenticate", "Retry-After", WireHeaders.RequestId)
                .SetPreflightMaxAge(TimeSpan.FromHours(1)));
        });
        return services;
    }

    public static IApplicationBuilder UseTaskManagerCors(this IApplicationBuilder app) => app.UseCors();
}
