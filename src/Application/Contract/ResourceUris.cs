namespace TaskManager.Application.Contract;

/// <summary>
/// The MCP resources of the contract: one task (<c>task://{id}</c>) and the caller's open tasks (<c>tasks://mine</c>).
/// One definition for the server's catalogue, its subscriptions and the docs.
/// </summary>
public static class ResourceUris
{
    public const string TaskScheme = "task://";
    public const string TaskTemplate = TaskScheme + "{id}";
    public const string Mine = "tasks://mine";

    /// <summary>What <see cref="Mine"/> lists: every status but the two final ones.</summary>
    public const string MineStatuses = "not_started,in_progress,blocked";

    /// <summary>Every resource comes as JSON for programs and as text for models, the same URI in both.</summary>
    public const string JsonMimeType = "application/json";
    public const string TextMimeType = "text/plain";

    public static string Task(Guid id) => TaskScheme + id.ToString("D");

    /// <summary>The task a <c>task://{id}</c> URI names, or null when the URI is not one (a bad id included).</summary>
    public static Guid? TaskId(string uri) =>
        uri.StartsWith(TaskScheme, StringComparison.OrdinalIgnoreCase) && Guid.TryParse(uri.AsSpan(TaskScheme.Length), out var id) ? id : null;

    public static bool IsMine(string uri) => string.Equals(uri, Mine, StringComparison.OrdinalIgnoreCase);
}
