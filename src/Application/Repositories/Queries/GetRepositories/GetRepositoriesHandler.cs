using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Repositories.Queries.GetRepositories;

public sealed class GetRepositoriesHandler(IApplicationDbContext db, IMapper mapper) : IQueryHandler<GetRepositoriesQuery, Page<RepositoryDto>>
{
    private const string Order = "name";

    public async ValueTask<Page<RepositoryDto>> Handle(GetRepositoriesQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? 100;
        var cursor = Cursor.Decode(query.Cursor, Order, key => key.Length is > 0 and <= 255);
        var repositories = db.Repositories.AsNoTracking();
        if (cursor is not null)
            repositories = repositories.Where(r => string.Compare(r.Name, cursor.Key) > 0);
        var page = await repositories.OrderBy(r => r.Name).Take(limit + 1)
            .ProjectTo<RepositoryDto>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
        if (page.Count <= limit)
            return new Page<RepositoryDto>(page, null);
        page.RemoveAt(limit);
        return new Page<RepositoryDto>(page, new Cursor(Order, page[^1].Name, page[^1].Id).Encode());
    }
}
