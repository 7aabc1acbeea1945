using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Tasks.Queries.GetComments;

public sealed class GetCommentsHandler(IApplicationDbContext db, ICurrentActor caller, IMapper mapper) : IQueryHandler<GetCommentsQuery, Page<CommentDto>>
{
    public async ValueTask<Page<CommentDto>> Handle(GetCommentsQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Tasks.VisibleTo(caller).AnyAsync(t => t.Id == query.TaskId && t.DeletedAt == null, cancellationToken))
            throw NotFoundException.Task(query.TaskId);
        var comments = await db.TaskComments.AsNoTracking()
            .Where(c => c.TaskId == query.TaskId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ProjectTo<CommentDto>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        return new Page<CommentDto>(comments, null);
    }
}
