using AutoMapper;
using AutoMapper.QueryableExtensions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Queries.GetTask;

public sealed class GetTaskHandler(IApplicationDbContext db, ICurrentActor caller, IMapper mapper) : IQueryHandler<GetTaskQuery, TaskDetailsDto>
{
    public async ValueTask<TaskDetailsDto> Handle(GetTaskQuery query, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().VisibleTo(caller)
            .Where(t => t.Id == query.TaskId && t.DeletedAt == null)
            .Select(TaskDtoProjection.Expression)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw NotFoundException.Task(query.TaskId);
        var (blockedBy, blocks) = await db.LoadLinksAsync(query.TaskId, caller, cancellationToken);
        var comments = await db.TaskComments.AsNoTracking()
            .Where(c => c.TaskId == query.TaskId)
            .OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .ProjectTo<CommentDto>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        var history = await db.TaskHistory.AsNoTracking()
            .Where(h => h.TaskId == query.TaskId)
            .OrderByDescending(h => h.ChangedAt).ThenByDescending(h => h.Id)
            .Take(query.RecentHistory)
            .ProjectTo<HistoryEntryDto>(mapper.ConfigurationProvider)
            .ToListAsync(cancellationToken);
        return new TaskDetailsDto(task, blockedBy, blocks, comments, history);
    }
}
