namespace TaskManager.Application.Tasks;

/// <summary>
/// Who really acted, beside the label a change displays: the authenticated user, and the MCP key they acted through
/// (null for a person signed in with a token). A label such as "cto@example.com" can therefore never hide who wrote it.
/// </summary>
public sealed record ActorDto(Guid UserId, string? ApiKeyName);
