using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using TaskManager.Domain.Common;

namespace TaskManager.Infrastructure.Persistence.Configurations;

/// <summary>Stores an enum as its canonical snake_case name, as the original schema's VARCHAR columns hold them.</summary>
internal sealed class EnumColumn<TEnum>(EnumParser<TEnum> parser) : ValueConverter<TEnum, string>(
    value => parser.ToWire(value),
    text => Parse(parser, text))
    where TEnum : struct, Enum
{
    private static TEnum Parse(EnumParser<TEnum> parser, string text) =>
        parser.TryParse(text, out var value) ? value : throw new InvalidOperationException($"Unknown {typeof(TEnum).Name} '{text}' in the database.");
}
