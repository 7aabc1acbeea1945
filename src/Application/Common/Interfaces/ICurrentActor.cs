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

    /// <summary>The actor to record, shown as <paramref name="label"/> when an agent gave one.</summary>
    Actor AsActor(string? label = null) =>
        new(UserId, string.IsNullOrWhiteSpace(label) ? Email : label.Trim(), ApiKeyName);
}
