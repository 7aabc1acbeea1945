using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskManager.Application.Common.Json;

/// <summary>The one JSON dialect of the contract: snake_case names, nulls kept, ISO-8601 timestamps.</summary>
public static class WireJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    /// <summary>Applies the contract's settings to options the framework owns (ASP.NET Core's, the MCP SDK's).</summary>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip;
        options.MaxDepth = 32;
        if (!options.Converters.OfType<UtcTimestampConverter>().Any())
            options.Converters.Add(new UtcTimestampConverter());
        return options;
    }
}
