using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace TaskManager.Api.Mcp;

/// <summary>
/// Trims the schemas the SDK generates, because tools/list is read into every agent's context on every session:
/// <list type="bullet">
/// <item>an optional argument is simply left out, so its type need not admit null: <c>"string"</c>, not
/// <c>["string","null"]</c> with <c>"default": null</c> (the MCP Inspector warns about such type arrays);</item>
/// <item>properties of output types carry no descriptions: the type's own description and the tool's say what it is.</item>
/// </list>
/// </summary>
public static class ToolSchemas
{
    public static void Compact(Tool tool)
    {
        var input = JsonNode.Parse(tool.InputSchema.GetRawText())!.AsObject();
        var required = input["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        foreach (var (name, property) in input["properties"]?.AsObject() ?? [])
        {
            if (required.Contains(name) || property is not JsonObject optional)
                continue;
            if (optional["default"] is null)
                optional.Remove("default");
            if (optional["type"] is JsonArray { Count: 2 } types && types.Any(IsNull))
                optional["type"] = types.First(t => !IsNull(t))!.DeepClone();
        }
        tool.InputSchema = JsonSerializer.SerializeToElement(input);

        if (tool.OutputSchema is { } outputSchema)
        {
            var output = JsonNode.Parse(outputSchema.GetRawText())!;
            DropPropertyDescriptions(output);
            tool.OutputSchema = JsonSerializer.SerializeToElement(output);
        }
    }

    private static void DropPropertyDescriptions(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in (obj["properties"] as JsonObject)?.Select(p => p.Value).OfType<JsonObject>() ?? [])
                    property.Remove("description");
                foreach (var child in obj.Select(p => p.Value).ToList())
                    DropPropertyDescriptions(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    DropPropertyDescriptions(child);
                break;
        }
    }

    private static bool IsNull(JsonNode? type) => type?.GetValue<string>() == "null";
}
