namespace TaskManager.Infrastructure.Identity;

/// <summary>JWT_SECRET, JWT_ISSUER, JWT_AUDIENCE. Issuer and audience are checked only when set, so tokens minted by other services sharing the secret work.</summary>
public sealed class JwtOptions
{
    /// <summary>HS256 needs a key of at least 256 bits.</summary>
    public const int MinimumSecretBytes = 32;

    public string Secret { get; set; } = "";

    public string? Issuer { get; set; }

    public string? Audience { get; set; }
}
