namespace TaskManager.Api.Endpoints.Requests;

public sealed record CreateUserRequest(string? Email, string? Name, string? GithubUsername);
