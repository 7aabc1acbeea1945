namespace TaskManager.Api.Endpoints.Requests;

public sealed record CreateRepositoryRequest(string? Name, string? Url);
