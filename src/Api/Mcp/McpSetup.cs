using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;
using TaskManager.Api.Hosting;
using TaskManager.Api.Identity;

namespace TaskManager.Api.Mcp;

/// <summary>
/// The web host's transport for the MCP server: Streamable HTTP at /mcp behind the ApiKey scheme. A client that
/// initialises gets a session (<c>Mcp-Session-Id</c>), which resource subscriptions need; everything else is served
/// without one, as before: 2026-07-28 requests by the SDK, lone requests by <see cref="SessionlessRequests"/>. The SDK
/// refuses a session's requests made with another user's key (403), because the ApiKey scheme names the user.
/// </summary>
public static class McpSetup
{
    public const string Path = "/mcp";

    public static IServiceCollection AddTaskManagerMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ResourceSubscriptions>();
        services.AddHostedService<ResourceUpdateNotifier>();
        services.AddTaskManagerMcpServer(configuration).WithHttpTransport(o =>
        {
            o.SessionMode = HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCPEXP002 // Experimental, but the only hook that sees a session end however it ends; pinned SDK version.
            o.RunSessionHandler = RunSessionAsync;
#pragma warning restore MCPEXP002
        });
        return services;
    }

    /// <summary>Serves <c>/mcp</c> requests without a session; goes after authorisation, so they pass the same checks.</summary>
    public static IApplicationBuilder UseSessionlessMcp(this IApplicationBuilder app) => app.UseMiddleware<SessionlessRequests>();

    /// <summary>
    /// Runs a session as the SDK would, registered for resource notifications while it lasts: its subscriptions end
    /// with it, whichever way it ends. Sessions served per request have no id and nothing to register.
    /// </summary>
    private static async Task RunSessionAsync(HttpContext context, McpServer session, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(session.SessionId))
        {
            await session.RunAsync(ct);
            return;
        }
        var subscriptions = context.RequestServices.GetRequiredService<ResourceSubscriptions>();
        subscriptions.Open(session.SessionId, session);
        try
        {
            await session.RunAsync(ct);
        }
        finally
        {
            subscriptions.Close(session.SessionId);
        }
    }

    public static IEndpointConventionBuilder MapTaskManagerMcp(this IEndpointRouteBuilder routes) =>
        routes.MapMcp(Path)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .RequireCors(CorsSetup.McpPolicy)
            .WithTags("MCP");
}
