using TaskManager.Domain.ApiKeys.Events;
using TaskManager.Domain.Common;

namespace TaskManager.Domain.ApiKeys;

/// <summary>
/// An MCP key that acts for its owner, within its <see cref="Scopes"/> and <see cref="RepositoryIds"/>, until <see cref="ExpiresAt"/>. Only an HMAC
/// digest of the secret is kept; the plaintext is shown once, when the key is created.
/// </summary>
public sealed class ApiKey : AggregateRoot
{
    public const int NameMaxLength = 100;

    /// <summary>The longest life a key can be given: long enough for any agent, short enough that none is forever.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3653);

    /// <summary>The most repositories one key can be limited to: a narrow key names a few; more is a key for everything.</summary>
    public const int MaxRepositories = 20;

    private ApiKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>HMAC-SHA256 of the secret, keyed with API_KEY_SALT.</summary>
    public byte[] Digest { get; private set; } = [];

    /// <summary>The first characters of the key, so an owner can tell keys apart without the secret.</summary>
    public string Prefix { get; private set; } = "";

    /// <summary>What the key may do: a non-empty subset of <see cref="ApiKeyScopes.All"/>.</summary>
    public string[] Scopes { get; private set; } = [];

    /// <summary>
    /// The repositories whose tasks the key may see and change, by id so that a rename keeps the limit; null: every
    /// repository, and tasks in none.
    /// </summary>
    public Guid[]? RepositoryIds { get; private set; }

    /// <summary>When the key stops working; null: never (until revoked).</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>
    /// The user who minted the key (an administrator may mint one for someone else); null when an operator made it with the
    /// server's command line, and for keys made before this was recorded.
    /// </summary>
    public Guid? CreatedByUserId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public bool IsExpiredAt(DateTimeOffset now) => ExpiresAt <= now;

    /// <param name="scopes">Null or empty: every scope, as keys had before scopes existed.</param>
    /// <param name="createdByUserId">Who is minting it; null for the server's operator.</param>
    /// <param name="repositoryIds">Null: every repository; else one to <see cref="MaxRepositories"/> distinct repositories.</param>
    public static ApiKey Issue(Guid userId, string name, byte[] digest, string prefix, DateTimeOffset now,
        IReadOnlyCollection<string>? scopes = null, DateTimeOffset? expiresAt = null, Guid? createdByUserId = null,
        IReadOnlyCollection<Guid>? repositoryIds = null)
    {
        var trimmed = name.Trim();
        if (trimmed.Length is 0 or > NameMaxLength)
            throw new DomainException($"A key needs a name of 1 to {NameMaxLength} characters.", "name");
        return new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Name = trimmed,
            Digest = digest,
            Prefix = prefix,
            Scopes = CheckedScopes(scopes),
            ExpiresAt = CheckedExpiry(expiresAt, now),
            RepositoryIds = CheckedRepositories(repositoryIds),
            CreatedByUserId = createdByUserId,
            CreatedAt = now,
        };
    }

    /// <summary>Stops the key for good; revoking it again changes nothing and tells no one.</summary>
    public void Revoke(DateTimeOffset now)
    {
        if (IsRevoked)
            return;
        RevokedAt = now;
        Raise(new ApiKeyRevoked(this, now));
    }

    /// <summary>The named scopes in canonical order, each once.</summary>
    private static string[] CheckedScopes(IReadOnlyCollection<string>? scopes)
    {
        if (scopes is null || scopes.Count == 0)
            return [.. ApiKeyScopes.All];
        if (scopes.FirstOrDefault(s => !ApiKeyScopes.IsKnown(s)) is { } unknown)
            throw new DomainException($"'{unknown}' is not a scope; use {ApiKeyScopes.Read}, or {ApiKeyScopes.Read} and {ApiKeyScopes.Write}.", "scopes");
        // Every change answers with the task it changed, so a key that could write but not read would be blind.
        if (scopes.Contains(ApiKeyScopes.Write) && !scopes.Contains(ApiKeyScopes.Read))
            throw new DomainException("A key that writes must also read; give it read and write.", "scopes");
        return [.. ApiKeyScopes.All.Where(scopes.Contains)];
    }

    private static Guid[]? CheckedRepositories(IReadOnlyCollection<Guid>? repositoryIds)
    {
        if (repositoryIds is null)
            return null;
        // An empty list would make a key that sees nothing, which nobody means; "every repository" is said by leaving it out.
        if (repositoryIds.Count is 0 or > MaxRepositories)
            throw new DomainException($"A key can be limited to 1 to {MaxRepositories} repositories; leave repositories out for a key that reaches every repository.", "repositories");
        if (repositoryIds.Distinct().Count() != repositoryIds.Count)
            throw new DomainException("Name each repository once.", "repositories");
        return [.. repositoryIds];
    }

    private static DateTimeOffset? CheckedExpiry(DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        if (expiresAt is null)
            return null;
        if (expiresAt <= now)
            throw new DomainException("expires_at must be in the future; leave it out for a key that does not expire.", "expires_at");
        if (expiresAt > now + MaxLifetime)
            throw new DomainException($"expires_at can be at most {MaxLifetime.Days / 365} years ahead.", "expires_at");
        return expiresAt.Value.ToUniversalTime();
    }
}
