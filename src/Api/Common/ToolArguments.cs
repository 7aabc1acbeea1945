using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Models;

namespace TaskManager.Api.Common;

/// <summary>Parses the tool arguments the SDK passes as text, with errors that name the argument and where a valid value comes from.</summary>
public static class ToolArguments
{
    public const string FullDetail = "full";
    public const string SummaryDetail = "summary";

    public static Guid TaskId(string value, string argument = "task_id") =>
        Guid.TryParse(value?.Trim(), out var id)
            ? id
            : throw ValidationException.For(argument, $"'{value}' is not a task id; pass the id (a UUID) that get_tasks, get_task or create_task returned.");

    /// <returns>Whether every field was asked for.</returns>
    public static bool Detail(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or SummaryDetail => false,
        FullDetail => true,
        _ => throw ValidationException.For("detail", $"'{value}' is not a detail level; use '{SummaryDetail}' (the default) or '{FullDetail}'."),
    };

    /// <summary>Tool arguments cannot tell "omitted" from null, so clearing a field is said with a word.</summary>
    public const string None = "none";

    /// <returns>Unset when omitted, null for <see cref="None"/>, else the value.</returns>
    public static Optional<string> Clearable(string? value) =>
        value is null ? Optional<string>.Unset
        : string.Equals(value.Trim(), None, StringComparison.OrdinalIgnoreCase) ? Optional<string>.Of(null)
        : Optional<string>.Of(value);
}
