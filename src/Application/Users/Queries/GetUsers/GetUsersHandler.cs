using AutoMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Users.Queries.GetUsers;

public sealed class GetUsersHandler(IApplicationDbContext db, IMapper mapper) : IQueryHandler<GetUsersQuery, Page<UserDto>>
{
    public async ValueTask<Page<UserDto>> Handle(GetUsersQuery query, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (!query.IncludeInactive)
            users = users.Where(u => u.DeactivatedAt == null);
        if (DirectorySearch.Text(query.Search) is { } text)
            users = users.Where(u => u.Email.Contains(text) || (u.Name != null && u.Name.ToLower().Contains(text)));
        return await users.PageByNameAsync(u => u.Email, (UserDto u) => (u.Email, u.Id), query.Limit, query.Cursor,
            mapper.ConfigurationProvider, cancellationToken);
    }
}
