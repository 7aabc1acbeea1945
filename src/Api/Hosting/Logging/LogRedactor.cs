using System.Text.RegularExpressions;

namespace TaskManager.Api.Hosting.Logging;

/// <summary>
/// Masks credentials in log text: JWTs, bearer and API-key header values, and token-like query parameters.
/// The framework writes request URLs and auth failures in its own words, so this works on the finished text.
/// </summary>
public static partial class LogRedactor
{
    public const string Mask = "***";

    public static string Redact(string text)
    {
        if (text.Length < 8)
            return text;
        text = Jwt().Replace(text, Mask);
        text = SecretParameter().Replace(text, m => m.Groups["name"].Value + Mask);
        return text;
    }

    /// <summary>Three base64url segments, the first a JSON header (<c>eyJ</c> = <c>{"</c>).</summary>
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    /// <summary><c>access_token=…</c>, <c>api_key: …</c>, <c>X-API-Key=…</c>, <c>Bearer …</c>, <c>password=…</c>: the name stays, the value goes.</summary>
    [GeneratedRegex(@"(?<name>\b(?:access_token|refresh_token|id_token|token|api[_-]?key|x-api-key|apikey|password|secret|authorization)\b[""']?\s*[=:]\s*[""']?(?:Bearer\s+)?|\bBearer\s+)[^\s&""',;]+",
        RegexOptions.IgnoreCase)]
    private static partial Regex SecretParameter();
}
