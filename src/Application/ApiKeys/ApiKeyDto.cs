namespace TaskManager.Application.ApiKeys;

/// <summary>A key as its owner sees it after creation: never the secret, only its prefix.</summary>
/// <param name="LastUsedAt">Recorded in memory and written every 30 s, so it may lag a recent call by that much.</param>
/// <param name="CreatedBy">Who minted it; null when the server's operator did, or the key predates this record.</param>
/// <param name="Repositories">The names of the repositories the key is limited to; null: every repository.</param>
public sealed record ApiKeyDto(
    Guid Id,
    string Name,
    string Prefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? RevokedAt,
    Guid UserId,
    IReadOnlyList<string> Scopes,
    DateTimeOffset? ExpiresAt,
    Guid? CreatedBy,
    IReadOnlyList<string>? Repositories);
