using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace TaskManager.Api.Common;

/// <summary>
/// Checks a call's arguments against the tool's input schema before binding, because the SDK binds each argument on
/// its own and its JSON error names neither the argument nor the type wanted; and an argument the tool does not have
/// (a typo) would be ignored silently.
/// </summary>
public static class ToolArgumentCheck
{
    /// <returns>The first wrong argument and what to send instead, or null when every argument fits.</returns>
    public static (string Argument, string Message)? Problem(Tool tool, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || !tool.InputSchema.TryGetProperty("properties", out var properties))
            return null;
        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var schema))
                return (name, $"{tool.Name} has no argument '{name}'; its arguments are: {string.Join(", ", properties.EnumerateObject().Select(p => p.Name))}.");
            if (value.ValueKind == JsonValueKind.Null)
                continue; // The binder decides: null is fine for an optional argument, and a required one is reported as missing.
            var wanted = schema.TryGetProperty("type", out var type) ? TypeNames(type) : [];
            if (wanted.Count > 0 && !wanted.Any(t => Fits(t, value)))
                return (name, $"{name} must be {string.Join(" or ", wanted.Select(Article))}, not {Describe(value)}.");
        }
        return null;
    }

    private static List<string> TypeNames(JsonElement type) => type.ValueKind == JsonValueKind.Array
        ? [.. type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null")]
        : [type.GetString()!];

    private static bool Fits(string type, JsonElement value) => type switch
    {
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "array" => value.ValueKind == JsonValueKind.Array,
        "object" => value.ValueKind == JsonValueKind.Object,
        _ => true,
    };

    private static string Article(string type) => type switch
    {
        "integer" => "an integer",
        "object" => "an object",
        "array" => "an array",
        _ => $"a {type}",
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"a string (\"{value.GetString()}\")",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"{value.GetRawText()}",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLowerInvariant(),
    };
}
