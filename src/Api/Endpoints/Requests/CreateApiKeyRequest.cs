namespace TaskManager.Api.Endpoints.Requests;

/// <param name="UserId">The owner; only administrators may create keys for someone else.</param>
public sealed record CreateApiKeyRequest(string? Name, string? UserId);
