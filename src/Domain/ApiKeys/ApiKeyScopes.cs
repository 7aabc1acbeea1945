namespace TaskManager.Domain.ApiKeys;

/// <summary>
/// What a key may do: <see cref="Read"/> answers queries (lists, details, waiting for changes), <see cref="Write"/>
/// sends commands (create, change, claim, comment, delete). A key with both acts as fully as its owner.
/// </summary>
public static class ApiKeyScopes
{
    public const string Read = "read";
    public const string Write = "write";

    /// <summary>Every scope, in the order they are shown; also what a key gets when none are named.</summary>
    public static IReadOnlyList<string> All { get; } = [Read, Write];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
