using System.Globalization;
using System.Text.Json;
using TaskManager.Application.Common.Json;

namespace TaskManager.Application.UnitTests.Json;

public sealed class UtcTimestampConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcTimestampConverter() } };

    [Test]
    public void Write_IsUtcWithMicrosecondsAndZ_WhateverTheOffset()
    {
        var value = new DateTimeOffset(2026, 11, 25, 18, 4, 5, TimeSpan.FromHours(2)).AddTicks(1_234_560);

        Assert.That(JsonSerializer.Serialize(value, Options), Is.EqualTo("\"2026-11-25T16:04:05.123456Z\""));
    }

    [Test]
    public void Write_KeepsTrailingZeroMicroseconds()
    {
        var value = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        Assert.That(JsonSerializer.Serialize(value, Options), Is.EqualTo("\"2026-01-02T03:04:05.000000Z\""));
    }

    [TestCase(0L)]
    [TestCase(9L)]
    [TestCase(9_999_999L)]
    [TestCase(638_999_999_999_999_999L)]
    [TestCase(123_456_789_012_345_678L)]
    public void Write_AndToText_TruncateToMicroseconds_LikeTheContractsFormatString(long ticks)
    {
        var value = new DateTimeOffset(ticks, TimeSpan.Zero);
        var expected = value.UtcDateTime.ToString(UtcTimestampConverter.Format, CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(JsonSerializer.Serialize(value, Options), Is.EqualTo($"\"{expected}\""));
            Assert.That(UtcTimestampConverter.ToText(value), Is.EqualTo(expected));
        });
    }

    [Test]
    public void Read_TakesAnyOffset_AndReturnsUtc()
    {
        var value = JsonSerializer.Deserialize<DateTimeOffset>("\"2026-11-25T18:04:05.5+02:00\"", Options);

        Assert.Multiple(() =>
        {
            Assert.That(value.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(value, Is.EqualTo(new DateTimeOffset(2026, 11, 25, 16, 4, 5, 500, TimeSpan.Zero)));
        });
    }
}
