using System.Globalization;
using TaskManager.Application.Common.Exceptions;

namespace TaskManager.Api.Common;

/// <summary>
/// Parses typed query parameters by hand, so a malformed one is a validation error naming the parameter
/// instead of the framework's bare 400.
/// </summary>
public static class QueryValues
{
    public static int? Integer(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw ValidationException.For(name, $"{name} must be a whole number.");
    }

    public static bool Flag(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return false;
        return bool.TryParse(value, out var parsed) ? parsed : throw ValidationException.For(name, $"{name} must be true or false.");
    }

    public static DateTimeOffset? Timestamp(string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : throw ValidationException.For(name, $"{name} must be an ISO-8601 timestamp such as 2026-01-31T12:00:00Z.");
    }
}
