using TaskManager.Domain.Users;

namespace TaskManager.Application.Common.Lookups;

/// <summary>What the <see cref="DirectoryCache"/> remembers of a user: what assigning, filtering and a task's DTO read.</summary>
public sealed record DirectoryUser(Guid Id, string Email, string? Name, DateTimeOffset? DeactivatedAt)
{
    public static DirectoryUser Of(User user) => new(user.Id, user.Email, user.Name, user.DeactivatedAt);

    /// <summary>The user as an entity to attach unchanged, so a task can point at them without reading their row.</summary>
    public User ToReference() => User.Reference(Id, Email, Name, DeactivatedAt);
}
