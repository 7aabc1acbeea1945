using System.Collections.Frozen;

namespace TaskManager.Domain.Common;

/// <summary>
/// Parses the enum values of the contract leniently: case, spaces and hyphens do not matter
/// ("In Progress", "in-progress" and "IN_PROGRESS" all mean in_progress). Output is always snake_case.
/// </summary>
public sealed class EnumParser<TEnum> where TEnum : struct, Enum
{
    private readonly FrozenDictionary<string, TEnum> _byKey;

    public EnumParser()
    {
        var values = Enum.GetValues<TEnum>();
        Allowed = [.. values.Select(ToWire)];
        _byKey = values.ToFrozenDictionary(v => Normalize(ToWire(v))!);
    }

    /// <summary>The canonical wire names, in declaration order.</summary>
    public IReadOnlyList<string> Allowed { get; }

    public bool TryParse(string? input, out TEnum value)
    {
        value = default;
        return input is not null && Normalize(input) is { } key && _byKey.TryGetValue(key, out value);
    }

    public string ToWire(TEnum value) => SnakeCase.From(value.ToString());

    /// <summary>Drops case, spaces, hyphens and underscores; anything else (quotes, semicolons, markup) is no match,
    /// so "completed'; --" is refused rather than read as completed.</summary>
    private static string? Normalize(string input)
    {
        var trimmed = input.Trim();
        return trimmed.Any(c => !char.IsLetterOrDigit(c) && c is not ' ' and not '-' and not '_')
            ? null
            : new([.. trimmed.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
    }
}
