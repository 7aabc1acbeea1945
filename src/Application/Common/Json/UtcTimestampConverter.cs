using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskManager.Application.Common.Json;

/// <summary>Writes every timestamp as ISO-8601 UTC with a <c>Z</c> (microsecond precision, as stored); reads any ISO-8601 offset.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    /// <summary>The contract's timestamp: ISO-8601 UTC with microseconds and a <c>Z</c>.</summary>
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    /// <summary>A timestamp as the contract writes it, for text built outside a JSON serializer (events, SSE frames).</summary>
    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Formatted on the stack: a list page writes two timestamps per task, and a string each was measurable.</summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        // Format's quotes make it longer than any text it produces, so the buffer always suffices.
        Span<byte> utf8 = stackalloc byte[Format.Length];
        if (value.UtcDateTime.TryFormat(utf8, out var written, Format, CultureInfo.InvariantCulture))
            writer.WriteStringValue(utf8[..written]);
        else
            writer.WriteStringValue(ToText(value));
    }
}
