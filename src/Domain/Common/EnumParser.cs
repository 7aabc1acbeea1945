using System.Collections.Frozen;

namespace TaskManager.Domain.Common;

/// <summary>
/// Parses the enum values of the contract leniently: case, spaces and hyphens do not matter
/// ("In Progress", "in-progress" and "IN_PROGRESS" all mean in_progress). Output is always snake_case.
/// </summary>
public sealed class EnumParser<TEnum> where TEnum : struct, Enum
{
    private readonly FrozenDictionary<string, TEnum> _byKey;
    private readonly FrozenDictionary<string, TEnum> _byWireName;
    private readonly FrozenDictionary<TEnum, string> _wireNames;

    /// <param name="aliases">Other words people use for a value (e.g. "done" for completed); matched like the names.</param>
    public EnumParser(IReadOnlyDictionary<string, TEnum>? aliases = null)
    {
        var values = Enum.GetValues<TEnum>();
        _wireNames = values.ToFrozenDictionary(v => v, v => SnakeCase.From(v.ToString()));
        _byWireName = values.ToFrozenDictionary(v => _wireNames[v], StringComparer.Ordinal);
        Allowed = [.. values.Select(ToWire)];
        var keys = values.ToDictionary(v => Normalize(ToWire(v))!);
        foreach (var (alias, value) in aliases ?? new Dictionary<string, TEnum>())
            keys.TryAdd(Normalize(alias) ?? throw new ArgumentException($"'{alias}' cannot be an alias.", nameof(aliases)), value);
        _byKey = keys.ToFrozenDictionary();
        Aliases = aliases?.Keys.ToList() ?? [];
    }

    /// <summary>The canonical wire names, in declaration order.</summary>
    public IReadOnlyList<string> Allowed { get; }

    /// <summary>The other words accepted, for messages that teach the vocabulary.</summary>
    public IReadOnlyList<string> Aliases { get; }

    public bool TryParse(string? input, out TEnum value)
    {
        value = default;
        if (input is null)
            return false;
        // Canonical names (every value read from the database, most from clients) need no normalising: three enum
        // columns per row of every list page made the normalising path a tenth of the list's allocations.
        return _byWireName.TryGetValue(input, out value) || (Normalize(input) is { } key && _byKey.TryGetValue(key, out value));
    }

    public string ToWire(TEnum value) => _wireNames.TryGetValue(value, out var name) ? name : SnakeCase.From(value.ToString());

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
