namespace TaskManager.Application.Users;

/// <param name="Active">False once an administrator has deactivated the user: every token and key of theirs is refused.</param>
public sealed record UserDto(Guid Id, string Email, string? Name, string? GithubUsername, bool Active, DateTimeOffset CreatedAt);
