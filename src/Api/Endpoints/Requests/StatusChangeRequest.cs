namespace TaskManager.Api.Endpoints.Requests;

/// <summary>PUT /api/tasks/{id}/status.</summary>
public sealed record StatusChangeRequest(string? Status, string? Comment);
