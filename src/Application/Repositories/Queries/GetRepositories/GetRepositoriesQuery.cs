using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Repositories.Queries.GetRepositories;

/// <summary>The code repositories, ordered by name.</summary>
public sealed record GetRepositoriesQuery(int? Limit = null, string? Cursor = null) : IQuery<Page<RepositoryDto>>;
