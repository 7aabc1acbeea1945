namespace TaskManager.Application.ApiKeys;

/// <summary>The answer to creating a key: the only time <see cref="Key"/> (the plaintext) is ever shown.</summary>
public sealed record CreatedApiKeyDto(Guid Id, string Name, string Key, string Prefix, DateTimeOffset CreatedAt, Guid UserId);
