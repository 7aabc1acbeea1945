using System.Text.Json;
using ModelContextProtocol;
using TaskManager.Application.Common.Json;

namespace TaskManager.Api.Common;

/// <summary>
/// The contract's JSON for tool arguments, structuredContent and the output schemas: snake_case and nulls kept (the
/// SDK's default drops nulls, which breaks clients that check required nullable properties).
/// </summary>
public static class ToolJson
{
    public static JsonSerializerOptions Options { get; } = WireJson.Configure(new JsonSerializerOptions(McpJsonUtilities.DefaultOptions));
}
