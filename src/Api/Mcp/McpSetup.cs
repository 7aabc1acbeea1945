using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using TaskManager.Api.Hosting;
using TaskManager.Api.Identity;

namespace TaskManager.Api.Mcp;

/// <summary>The web host's transport for the MCP server: stateless Streamable HTTP at /mcp behind the ApiKey scheme.</summary>
public static class McpSetup
{
    public const string Path = "/mcp";

    public static IServiceCollection AddTaskManagerMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        // With a second scheme ASP.NET Core no longer picks the only one as default; REST stays on JWT.
        services.PostConfigure<AuthenticationOptions>(o => o.DefaultScheme ??= JwtBearerDefaults.AuthenticationScheme);
        services.AddTaskManagerMcpServer(configuration).WithHttpTransport(o => o.Stateless = true);
        return services;
    }

    public static IEndpointConventionBuilder MapTaskManagerMcp(this IEndpointRouteBuilder routes) =>
        routes.MapMcp(Path)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .RequireCors(CorsSetup.McpPolicy)
            .WithTags("MCP");
}
