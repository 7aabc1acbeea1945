using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace TaskManager.Api.Mcp;

/// <summary>
/// Trims the schemas the SDK generates, because tools/list is read into every agent's context on every session:
/// <list type="bullet">
/// <item>an optional argument is simply left out, so its type need not admit null: <c>"string"</c>, not
/// <c>["string","null"]</c> with <c>"default": null</c> (the MCP Inspector warns about such type arrays);</item>
/// <item>properties of output types carry no descriptions: the type's own description and the tool's say what it is;
/// optional output properties are left out rather than null, so their type admits no null.</item>
/// </list>
/// </summary>
public static class ToolSchemas
{
    public static void Compact(Tool tool)
    {
        var input = JsonNode.Parse(tool.InputSchema.GetRawText())!.AsObject();
        foreach (var optional in OptionalProperties(input))
        {
            if (optional["default"] is null)
                optional.Remove("default");
            DropNull(optional);
        }
        tool.InputSchema = JsonSerializer.SerializeToElement(input);

        if (tool.OutputSchema is { } outputSchema)
        {
            var output = JsonNode.Parse(outputSchema.GetRawText())!;
            CompactOutput(output);
            tool.OutputSchema = JsonSerializer.SerializeToElement(output);
        }
    }

    /// <summary>
    /// Output properties lose their descriptions; an optional one (written only when it has a value, as the full-detail
    /// fields of a task row) is never null, so its type says so.
    /// </summary>
    private static void CompactOutput(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var property in (obj["properties"] as JsonObject)?.Select(p => p.Value).OfType<JsonObject>() ?? [])
                    property.Remove("description");
                foreach (var optional in OptionalProperties(obj))
                    DropNull(optional);
                foreach (var child in obj.Select(p => p.Value).ToList())
                    CompactOutput(child);
                break;
            case JsonArray array:
                foreach (var child in array)
                    CompactOutput(child);
                break;
        }
    }

    private static IEnumerable<JsonObject> OptionalProperties(JsonObject schema)
    {
        var required = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        return (schema["properties"] as JsonObject)?.Where(p => !required.Contains(p.Key)).Select(p => p.Value).OfType<JsonObject>().ToList() ?? [];
    }

    private static void DropNull(JsonObject property)
    {
        if (property["type"] is JsonArray { Count: 2 } types && types.Any(IsNull))
            property["type"] = types.First(t => !IsNull(t))!.DeepClone();
    }

    private static bool IsNull(JsonNode? type) => type?.GetValue<string>() == "null";
}
