namespace TaskManager.Application.Users;

public sealed record UserDto(Guid Id, string Email, string? Name, string? GithubUsername, DateTimeOffset CreatedAt);
