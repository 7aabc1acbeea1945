using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Infrastructure;

/// <summary>
/// The one parser of the environment variables of the contract (docs/configuration.md). Every setting is read through
/// it: unset (or blank) takes the default; anything else is either valid or stops start-up with a message that names
/// the variable and what it accepts, because a silently substituted default is a misconfiguration nobody sees.
/// </summary>
public static class Settings
{
    public static string Missing(string name) =>
        $"{name} is not set. See docs/configuration.md (scripts/run.sh sets everything up locally).";

    public static bool IsStrongSecret(string secret) =>
        Encoding.UTF8.GetByteCount(secret) >= JwtOptions.MinimumSecretBytes && secret.Distinct().Count() >= 10;

    /// <summary>
    /// Free text (a URL, a secret, a path, a label) as written, or null when unset: never trimmed, as a secret with a
    /// stray space must keep matching the digests made with it.
    /// </summary>
    public static string? Text(IConfiguration configuration, string name) =>
        configuration[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>As <see cref="Text(IConfiguration, string)"/>, with a default.</summary>
    public static string Text(IConfiguration configuration, string name, string fallback) => Text(configuration, name) ?? fallback;

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static int Int(IConfiguration configuration, string name, int fallback, int min, int max) =>
        Value(configuration, name) is not { } value
            ? fallback
            : int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
                ? parsed
                : throw Invalid(name, value, $"a whole number from {min} to {max}");

    /// <summary>A number, fractions allowed, from <paramref name="min"/> to <paramref name="max"/> (NaN and infinities fail the range).</summary>
    public static double Number(IConfiguration configuration, string name, double fallback, double min, double max) =>
        Value(configuration, name) is not { } value
            ? fallback
            : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
                ? parsed
                : throw Invalid(name, value, $"a number from {Format(min)} to {Format(max)}");

    /// <summary>A switch: <c>true</c>/<c>1</c> or <c>false</c>/<c>0</c>, any case; unset is off.</summary>
    public static bool Flag(IConfiguration configuration, string name) =>
        Value(configuration, name)?.ToLowerInvariant() switch
        {
            null or "false" or "0" => false,
            "true" or "1" => true,
            var value => throw Invalid(name, value, "true, false, 1 or 0"),
        };

    /// <summary>One of an enum's names, any case. Numbers are refused although <see cref="Enum.TryParse{TEnum}(string, bool, out TEnum)"/> takes them.</summary>
    public static TEnum Choice<TEnum>(IConfiguration configuration, string name, TEnum fallback)
        where TEnum : struct, Enum
    {
        if (Value(configuration, name) is not { } value)
            return fallback;
        return Enum.GetNames<TEnum>().FirstOrDefault(n => n.Equals(value, StringComparison.OrdinalIgnoreCase)) is { } match
            ? Enum.Parse<TEnum>(match)
            : throw Invalid(name, value, $"one of {string.Join(", ", Enum.GetNames<TEnum>())}");
    }

    /// <summary>An absolute http or https URL, e.g. a collector's endpoint; null when unset.</summary>
    public static Uri? Url(IConfiguration configuration, string name) =>
        Value(configuration, name) is not { } value
            ? null
            : Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
                ? url
                : throw Invalid(name, value, "an absolute http:// or https:// URL");

    /// <summary>A comma (or semicolon) separated list, e.g. CORS_ORIGINS: entries trimmed, a trailing slash dropped, duplicates once.</summary>
    public static IReadOnlyList<string> List(IConfiguration configuration, string name) =>
        Value(configuration, name) is not { } value
            ? []
            : value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => v.TrimEnd('/'))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToArray();

    /// <summary>The start-up failure for a value that is set but not allowed.</summary>
    public static InvalidOperationException Invalid(string name, string value, string allowed) =>
        new($"{name} must be {allowed}, not '{value}'. See docs/configuration.md.");

    private static string? Value(IConfiguration configuration, string name) =>
        configuration[name] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
