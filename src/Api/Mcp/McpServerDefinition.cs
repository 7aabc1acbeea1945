using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;
using TaskManager.Infrastructure;

namespace TaskManager.Api.Mcp;

/// <summary>
/// The MCP server: its name, the slices' tools with the contract's JSON, the tool error filter and the task resources
/// (<see cref="TaskResources"/>; subscribing needs a session, which only the HTTP host holds). <see cref="McpSetup"/>
/// serves it over HTTP; local stdio clients reach that through the <see cref="McpStdio"/> bridge.
/// </summary>
public static class McpServerDefinition
{
    public const string DefaultServerName = "task-manager";

    public static IMcpServerBuilder AddTaskManagerMcpServer(this IServiceCollection services, IConfiguration configuration)
    {
        // Read once: the options are built again for every request served without a session.
        var serverInfo = ServerInfo(configuration);
        var builder = services.AddMcpServer(o =>
        {
            o.ServerInfo = serverInfo;
            // Subscriptions only: the catalogue is fixed, so resources/list never changes and listChanged is not offered.
            o.Capabilities = new ServerCapabilities { Resources = new ResourcesCapability { Subscribe = true } };
        });
        foreach (var method in FeatureSlices.ToolMethods)
            services.AddSingleton(provider => CreateTool(method, provider));
        return builder.WithRequestFilters(f => f.AddCallToolFilter(ToolErrorFilter.Apply)).WithTaskResources();
    }

    /// <summary>MCP_SERVER_NAME (default task-manager) and MCP_SERVER_VERSION (default: the assembly's version).</summary>
    public static Implementation ServerInfo(IConfiguration configuration) => new()
    {
        Name = Settings.Text(configuration, "MCP_SERVER_NAME", DefaultServerName),
        Version = Settings.Text(configuration, "MCP_SERVER_VERSION")
            ?? typeof(McpServerDefinition).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
        Title = "TaskManager",
    };

    /// <summary>A slice's static tool method, with the container to tell injected parameters (<c>ISender</c>) from arguments.</summary>
    private static McpServerTool CreateTool(MethodInfo method, IServiceProvider services)
    {
        var tool = McpServerTool.Create(method, target: null, new McpServerToolCreateOptions
        {
            Services = services,
            SerializerOptions = ToolJson.Options,
            SchemaCreateOptions = new AIJsonSchemaCreateOptions { TransformSchemaNode = DescribeTimestamps },
        });
        ToolSchemas.Compact(tool.ProtocolTool);
        return tool;
    }

    /// <summary>
    /// Timestamps are written by a custom converter, which schema export cannot see into and would publish as the schema
    /// <c>true</c>, a shape strict clients (the TypeScript SDK) reject: say string, date-time.
    /// </summary>
    private static JsonNode DescribeTimestamps(AIJsonSchemaCreateContext context, JsonNode schema)
    {
        var type = context.TypeInfo.Type;
        if (type != typeof(DateTimeOffset) && type != typeof(DateTimeOffset?))
            return schema;
        return new JsonObject { ["type"] = type == typeof(DateTimeOffset) ? "string" : new JsonArray("string", "null"), ["format"] = "date-time" };
    }
}
