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
        Span<byte> utf8 = stackalloc byte[Length];
        FormatUtf8(value, utf8);
        return Encoding.ASCII.GetString(utf8);
    }

    /// <summary>Formatted on the stack: a list page writes two timestamps per task, and a string each was measurable.</summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> utf8 = stackalloc byte[Length];
        FormatUtf8(value, utf8);
        writer.WriteStringValue(utf8);
    }

    /// <summary>The length of <see cref="Format"/>'s text: <c>2026-11-30T03:40:12.123456Z</c>.</summary>
    private const int Length = 27;

    /// <summary>
    /// <see cref="Format"/>'s text through the round-trip ("O") format, which .NET writes without parsing a pattern: a custom
    /// pattern is interpreted on every call, which was ~3% of a list request's CPU (perf, docs/benchmarks.md). For a UTC
    /// value "O" gives seven fractional digits and a <c>Z</c>; dropping the seventh truncates to microseconds as "ffffff" does.
    /// </summary>
    private static void FormatUtf8(DateTimeOffset value, Span<byte> destination)
    {
        Span<byte> roundTrip = stackalloc byte[Length + 1];
        value.UtcDateTime.TryFormat(roundTrip, out _, "O", CultureInfo.InvariantCulture);
        roundTrip[..(Length - 1)].CopyTo(destination);
        destination[Length - 1] = (byte)'Z';
    }
}
