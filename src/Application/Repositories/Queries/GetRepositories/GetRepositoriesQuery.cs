using Mediator;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Repositories.Queries.GetRepositories;

/// <summary>The code repositories, ordered by name.</summary>
/// <param name="Search">Text found in the name, case-insensitively; null lists them all.</param>
public sealed record GetRepositoriesQuery(int? Limit = null, string? Cursor = null, string? Search = null) : IQuery<Page<RepositoryDto>>;
