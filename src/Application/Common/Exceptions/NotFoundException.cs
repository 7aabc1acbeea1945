namespace TaskManager.Application.Common.Exceptions;

/// <summary>A referenced thing does not exist. <see cref="Suggestions"/> lists close names when there are some.</summary>
public sealed class NotFoundException(string resource, string key, string message, IReadOnlyList<string>? suggestions = null)
    : Exception(message)
{
    public string Resource { get; } = resource;

    public string Key { get; } = key;

    public IReadOnlyList<string> Suggestions { get; } = suggestions ?? [];

    public static NotFoundException Task(Guid id) => new("task", id.ToString(), $"Task '{id}' was not found.");

    /// <summary>A task named by an argument other than the task acted on, so the message says which one was missing.</summary>
    public static NotFoundException Task(Guid id, string argument) => new("task", id.ToString(), $"Task '{id}' ({argument}) was not found.");

    public static NotFoundException User(string reference, IReadOnlyList<string>? suggestions = null) =>
        new("user", reference,
            $"User '{reference}' was not found; name a user by UUID or by email."
            + (suggestions is { Count: > 0 } ? $" Did you mean {string.Join(", ", suggestions.Select(s => $"'{s}'"))}?" : ""),
            suggestions);
}
