using TaskManager.Domain.Common;

namespace TaskManager.Domain.ApiKeys;

/// <summary>
/// An MCP key that acts for its owner. Only an HMAC digest of the secret is kept; the plaintext is
/// shown once, when the key is created.
/// </summary>
public sealed class ApiKey
{
    public const int NameMaxLength = 100;

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

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static ApiKey Issue(Guid userId, string name, byte[] digest, string prefix, DateTimeOffset now)
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
            CreatedAt = now,
        };
    }

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
