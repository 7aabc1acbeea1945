using TaskManager.Domain.Common;
using TaskManager.Domain.Users.Events;

namespace TaskManager.Domain.Users;

/// <summary>
/// A person (or the owner of an agent's API key) who can be assigned tasks. People are deactivated, never deleted:
/// their name stays on the tasks, comments and history they touched.
/// </summary>
public sealed class User : AggregateRoot
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

    /// <summary>When an administrator took the user's access away; null while they may sign in.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public static User Create(string email, string? name, string? githubUsername, DateTimeOffset now)
    {
        return new User
        {
            Id = Guid.CreateVersion7(now),
            Email = ValidEmail(email),
            Name = NameOrNone(name),
            GithubUsername = string.IsNullOrWhiteSpace(githubUsername) ? null : githubUsername.Trim(),
            CreatedAt = now,
        };
    }

    /// <summary>
    /// An existing user rebuilt from what a cache remembers (id, email, name, whether active), for a unit of work to
    /// attach unchanged so a task can point at them without reading their row. It carries no other column, so it is
    /// never changed or saved as a user.
    /// </summary>
    public static User Reference(Guid id, string email, string? name, DateTimeOffset? deactivatedAt) =>
        new() { Id = id, Email = email, Name = name, DeactivatedAt = deactivatedAt };

    /// <summary>Refuses every token and key of the user from now on; deactivating someone inactive changes nothing.</summary>
    public void Deactivate(DateTimeOffset now)
    {
        if (!IsActive)
            return;
        DeactivatedAt = now;
        Raise(new UserAccessChanged(this, now));
    }

    /// <summary>Gives the user their access back: their unrevoked keys and unexpired tokens work again.</summary>
    public void Reactivate(DateTimeOffset now)
    {
        if (IsActive)
            return;
        DeactivatedAt = null;
        Raise(new UserAccessChanged(this, now));
    }

    /// <summary>Gives the user another email: they are found under it, and no longer under the old one, from now on.</summary>
    public void ChangeEmail(string email, DateTimeOffset now)
    {
        var normalized = ValidEmail(email);
        if (normalized == Email)
            return;
        Email = normalized;
        Raise(new UserDetailsChanged(this, now));
    }

    /// <summary>Changes the display name; a blank one removes it.</summary>
    public void Rename(string? name, DateTimeOffset now)
    {
        var newName = NameOrNone(name);
        if (newName == Name)
            return;
        Name = newName;
        Raise(new UserDetailsChanged(this, now));
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    private static string ValidEmail(string email)
    {
        var normalized = NormalizeEmail(email);
        return normalized.Length > 0 && normalized.Contains('@', StringComparison.Ordinal)
            ? normalized
            : throw new DomainException("Email must be an address such as ada@example.com.", "email");
    }

    private static string? NameOrNone(string? name) => string.IsNullOrWhiteSpace(name) ? null : name.Trim();
}
