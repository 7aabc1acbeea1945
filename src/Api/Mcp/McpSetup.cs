using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Identity;
using TaskManager.Application.Common.Json;

namespace TaskManager.Api.Mcp;

/// <summary>The MCP server of the web host: stateless Streamable HTTP at /mcp behind the ApiKey scheme.</summary>
public static class McpSetup
{
    public const string Path = "/mcp";
    public const string DefaultServerName = "task-manager";

    /// <summary>
    /// The contract's JSON for tool arguments, structuredContent, the text block and the output schemas: snake_case
    /// and nulls kept (the SDK's default drops nulls, which breaks clients that check required nullable properties).
    /// </summary>
    public static JsonSerializerOptions ToolJson { get; } = WireJson.Configure(new JsonSerializerOptions(McpJsonUtilities.DefaultOptions));

    public static IServiceCollection AddTaskManagerMcp(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        // With a second scheme ASP.NET Core no longer picks the only one as default; REST stays on JWT.
        services.PostConfigure<AuthenticationOptions>(o => o.DefaultScheme ??= JwtBearerDefaults.AuthenticationScheme);
        services.AddMcpServer(o => o.ServerInfo = ServerInfo(configuration))
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools(TaskToolDefinitions())
            .WithRequestFilters(f => f.AddCallToolFilter(ToolErrorFilter.Apply));
        return services;
    }

    /// <summary>
    /// The [McpServerTool] methods of <see cref="TaskTools"/>, created with the contract's JSON and a schema fix:
    /// timestamps are written by a custom converter (ISO-8601 UTC with Z), which schema export cannot see into and
    /// would publish as the schema <c>true</c>, a shape strict clients (the TypeScript SDK) reject.
    /// </summary>
    private static IEnumerable<McpServerTool> TaskToolDefinitions()
    {
        var options = new McpServerToolCreateOptions
        {
            SerializerOptions = ToolJson,
            SchemaCreateOptions = new AIJsonSchemaCreateOptions { TransformSchemaNode = DescribeTimestamps },
        };
        return typeof(TaskTools).GetMethods()
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)
            .Select(m => McpServerTool.Create(m, request => ActivatorUtilities.CreateInstance<TaskTools>(request.Services!), options));
    }

    private static JsonNode DescribeTimestamps(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        if (type != typeof(DateTimeOffset) && type != typeof(DateTimeOffset?))
            return schema;
        var timestamp = new JsonObject
        {
            ["type"] = type == typeof(DateTimeOffset) ? "string" : new JsonArray("string", "null"),
            ["format"] = "date-time",
        };
        if (schema is JsonObject { } described && described["description"] is { } description)
            timestamp["description"] = description.DeepClone();
        return timestamp;
    }

    public static IEndpointConventionBuilder MapTaskManagerMcp(this IEndpointRouteBuilder routes) =>
        routes.MapMcp(Path)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName).RequireAuthenticatedUser())
            .WithTags("MCP");

    /// <summary>MCP_SERVER_NAME (default task-manager) and MCP_SERVER_VERSION (default: the assembly's version).</summary>
    public static Implementation ServerInfo(IConfiguration configuration) => new()
    {
        Name = configuration["MCP_SERVER_NAME"] is { Length: > 0 } name ? name : DefaultServerName,
        Version = configuration["MCP_SERVER_VERSION"] is { Length: > 0 } version
            ? version
            : typeof(McpSetup).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        Title = "TaskManager",
    };
}
