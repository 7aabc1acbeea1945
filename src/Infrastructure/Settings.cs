using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Infrastructure;

/// <summary>Reads the environment variables of the contract and fails with a message naming the one that is wrong.</summary>
public static class Settings
{
    public static string Missing(string name) =>
        $"{name} is not set. See docs/configuration.md (scripts/run.sh sets everything up locally).";

    public static bool IsStrongSecret(string secret) =>
        Encoding.UTF8.GetByteCount(secret) >= JwtOptions.MinimumSecretBytes && secret.Distinct().Count() >= 10;

    /// <summary>
    /// A whole-number setting: the fallback when unset, -1 when it is not a whole number, so the options' range check
    /// rejects it with the variable's name instead of the default silently standing in.
    /// </summary>
    public static int Int(IConfiguration configuration, string name, int fallback) =>
        configuration[name] is { Length: > 0 } value
            ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1
            : fallback;

    /// <summary>As <see cref="Int"/>, for a setting that may have a fraction.</summary>
    public static double Number(IConfiguration configuration, string name, double fallback) =>
        configuration[name] is { Length: > 0 } value
            ? double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : -1
            : fallback;
}
