namespace TaskManager.Domain.Common;

/// <summary>
/// Who made a change. <see cref="UserId"/> is the authenticated identity and is always recorded;
/// <see cref="Label"/> is what the change displays (an agent may call itself "claude"), and
/// <see cref="ApiKeyName"/> names the MCP key used, so a label can never hide who acted.
/// </summary>
public sealed record Actor(Guid UserId, string Label, string? ApiKeyName = null);
