using TaskManager.Domain.Common;

namespace TaskManager.Domain.Users;

/// <summary>A person (or the owner of an agent's API key) who can be assigned tasks.</summary>
public sealed class User
{
    public const int EmailMaxLength = 255;
    public const int NameMaxLength = 255;

    private User()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>Stored lower-cased so that look-ups by email are exact and indexable.</summary>
    public string Email { get; private set; } = "";

    public string? Name { get; private set; }

    public string? GithubUsername { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static User Create(string email, string? name, string? githubUsername, DateTimeOffset now)
    {
        var normalized = NormalizeEmail(email);
        if (normalized.Length == 0 || !normalized.Contains('@', StringComparison.Ordinal))
            throw new DomainException("Email must be an address such as ada@example.com.", "email");
        return new User
        {
            Id = Guid.CreateVersion7(now),
            Email = normalized,
            Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            GithubUsername = string.IsNullOrWhiteSpace(githubUsername) ? null : githubUsername.Trim(),
            CreatedAt = now,
        };
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}
