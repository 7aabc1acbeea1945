using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;

namespace TaskManager.Application.Tasks.Queries.GetHistory;

public sealed class GetHistoryHandler(IApplicationDbContext db, ICurrentActor caller, IMapper mapper) : IQueryHandler<GetHistoryQuery, Page<HistoryEntryDto>>
{
    public async ValueTask<Page<HistoryEntryDto>> Handle(GetHistoryQuery query, CancellationToken cancellationToken)
    {
        if (!await db.Tasks.VisibleTo(caller).AnyAsync(t => t.Id == query.TaskId, cancellationToken))
            throw NotFoundException.Task(query.TaskId);
        var history = await db.TaskHistory.AsNoTracking()
            .Where(h => h.TaskId == query.TaskId)
            .OrderBy(h => h.ChangedAt).ThenBy(h => h.Id)
            .ProjectTo<HistoryEntryDto>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        return new Page<HistoryEntryDto>(history, null);
    }
}
