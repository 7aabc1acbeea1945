using TaskManager.Domain.Common;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>The authenticated caller of the current request, as the adapters established it.</summary>
public interface ICurrentActor
{
    Guid UserId { get; }

    string Email { get; }

    bool IsAdmin { get; }

    /// <summary>The MCP key the caller used, or null for a JWT.</summary>
    string? ApiKeyName { get; }

    /// <summary>
    /// Whether the caller may do what <paramref name="scope"/> (<c>read</c>, <c>write</c>) covers: an MCP key only within
    /// the scopes it was given; a person signed in, the operator's command line and the server's own background work always.
    /// </summary>
    bool HasScope(string scope);

    /// <summary>
    /// The repositories whose tasks the caller may see and change, when its API key was limited to some; null: every
    /// task (people, unrestricted keys, the command line and background work). See <c>TaskAccess</c>.
    /// </summary>
    IReadOnlyList<Guid>? RepositoryIds { get; }

    /// <summary>The actor to record, shown as <paramref name="label"/> when an agent gave one, else as its key's name
    /// (so an agent is told apart from its owner without passing a label), else as the caller's email.</summary>
    Actor AsActor(string? label = null) =>
        new(UserId, string.IsNullOrWhiteSpace(label) ? ApiKeyName ?? Email : label.Trim(), ApiKeyName);
}
