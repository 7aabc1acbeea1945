using AutoMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Repositories.Queries.GetRepositories;

public sealed class GetRepositoriesHandler(IApplicationDbContext db, IMapper mapper) : IQueryHandler<GetRepositoriesQuery, Page<RepositoryDto>>
{
    public async ValueTask<Page<RepositoryDto>> Handle(GetRepositoriesQuery query, CancellationToken cancellationToken)
    {
        var repositories = db.Repositories.AsNoTracking();
        if (DirectorySearch.Text(query.Search) is { } text)
            repositories = repositories.Where(r => r.Name.ToLower().Contains(text));
        return await repositories.PageByNameAsync(r => r.Name, (RepositoryDto r) => (r.Name, r.Id), query.Limit, query.Cursor,
            mapper.ConfigurationProvider, cancellationToken);
    }
}
