namespace TaskManager.Api.Common;

/// <summary>
/// The REST rule for a value in a body: null and an empty (or blank) string mean the same thing, "no value". No value
/// leaves an optional field empty (PATCH: clears it), gives a field with a default its default, and is refused for a
/// field that must have a value. An omitted field is different only in a PATCH, where it is left as it is.
/// </summary>
public static class NoValue
{
    public static string? IfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
