using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskManager.Application.Common.Json;

/// <summary>Writes every timestamp as ISO-8601 UTC with a <c>Z</c> (microsecond precision, as stored); reads any ISO-8601 offset.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().ToUniversalTime();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
}
