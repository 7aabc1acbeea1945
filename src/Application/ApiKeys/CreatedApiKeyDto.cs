namespace TaskManager.Application.ApiKeys;

/// <summary>The answer to creating a key: the only time <see cref="Key"/> (the plaintext) is ever shown.</summary>
/// <param name="CreatedBy">Who minted it; null when the server's operator did, from the command line.</param>
/// <param name="Repositories">The names of the repositories the key is limited to; null: every repository.</param>
public sealed record CreatedApiKeyDto(
    Guid Id,
    string Name,
    string Key,
    string Prefix,
    DateTimeOffset CreatedAt,
    Guid UserId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt,
    Guid? CreatedBy,
    IReadOnlyList<string>? Repositories);
