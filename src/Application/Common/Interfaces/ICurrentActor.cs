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

    /// <summary>The actor to record, shown as <paramref name="label"/> when an agent gave one, else as its key's name
    /// (so an agent is told apart from its owner without passing a label), else as the caller's email.</summary>
    Actor AsActor(string? label = null) =>
        new(UserId, string.IsNullOrWhiteSpace(label) ? ApiKeyName ?? Email : label.Trim(), ApiKeyName);
}
