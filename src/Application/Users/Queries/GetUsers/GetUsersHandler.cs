using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Users.Queries.GetUsers;

public sealed class GetUsersHandler(IApplicationDbContext db, IMapper mapper) : IQueryHandler<GetUsersQuery, Page<UserDto>>
{
    private const string Order = "email";

    public async ValueTask<Page<UserDto>> Handle(GetUsersQuery query, CancellationToken cancellationToken)
    {
        var limit = query.Limit ?? 100;
        var cursor = Cursor.Decode(query.Cursor, Order, key => key.Length is > 0 and <= 255);
        var users = db.Users.AsNoTracking();
        if (cursor is not null)
            users = users.Where(u => string.Compare(u.Email, cursor.Key) > 0);
        var page = await users.OrderBy(u => u.Email).Take(limit + 1)
            .ProjectTo<UserDto>(mapper.ConfigurationProvider).ToListAsync(cancellationToken);
        if (page.Count <= limit)
            return new Page<UserDto>(page, null);
        page.RemoveAt(limit);
        return new Page<UserDto>(page, new Cursor(Order, page[^1].Email, page[^1].Id).Encode());
    }
}
