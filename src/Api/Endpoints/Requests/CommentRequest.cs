namespace TaskManager.Api.Endpoints.Requests;

/// <summary>POST /api/tasks/{id}/comments.</summary>
public sealed record CommentRequest(string? Comment);
