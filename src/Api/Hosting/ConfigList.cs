namespace TaskManager.Api.Hosting;

/// <summary>Comma (or semicolon) separated environment values, e.g. CORS_ORIGINS and ALLOWED_HOSTS.</summary>
public static class ConfigList
{
    public static IReadOnlyList<string> Split(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? []
            : value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => v.TrimEnd('/'))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();
}
