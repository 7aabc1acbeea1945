namespace TaskManager.Application.Repositories;

public sealed record RepositoryDto(Guid Id, string Name, string? Url, DateTimeOffset CreatedAt);
