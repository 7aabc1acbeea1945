using System.Globalization;
using System.Text;
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
    public static string ToText(DateTimeOffset value)
    {
        Span<byte> buffer = stackalloc byte[RoundTripLength];
        return Encoding.ASCII.GetString(FormatUtf8(value, buffer));
    }

    /// <summary>Formatted on the stack: a list page writes two timestamps per task, and a string each was measurable.</summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[RoundTripLength];
        writer.WriteStringValue(FormatUtf8(value, buffer));
    }

    /// <summary>The length of <see cref="Format"/>'s text: <c>2026-11-30T03:40:12.123456Z</c>.</summary>
    private const int Length = 27;

    /// <summary>The round-trip ("O") text of a UTC value: one fractional digit more than <see cref="Format"/>'s.</summary>
    private const int RoundTripLength = Length + 1;

    /// <summary>
    /// <see cref="Format"/>'s text through the round-trip ("O") format, which .NET writes without parsing a pattern: a custom
    /// pattern is interpreted on every call, which was ~3% of a list request's CPU (perf, docs/benchmarks.md). For a UTC
    /// value "O" gives seven fractional digits and a <c>Z</c>; the <c>Z</c> written over the seventh truncates to
    /// microseconds as "ffffff" does. Returns the text, at the start of <paramref name="buffer"/>.
    /// </summary>
    private static ReadOnlySpan<byte> FormatUtf8(DateTimeOffset value, Span<byte> buffer)
    {
        value.UtcDateTime.TryFormat(buffer, out _, "O", CultureInfo.InvariantCulture);
        buffer[Length - 1] = (byte)'Z';
        return buffer[..Length];
    }
}
