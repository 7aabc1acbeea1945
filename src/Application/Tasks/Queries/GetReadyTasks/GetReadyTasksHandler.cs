using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.GetReadyTasks;

/// <summary>
/// Lists ready work through the queue's readiness rule, the one claim_next_task takes from, so the list and the claim
/// cannot disagree. Not paged: it answers "what can I start", and the first few are what a claimer gets.
/// </summary>
public sealed class GetReadyTasksHandler(IApplicationDbContext db, ITaskQueue queue, ICurrentActor caller, RepositoryResolver repositories)
    : IQueryHandler<GetReadyTasksQuery, IReadOnlyList<TaskDto>>
{
    public async ValueTask<IReadOnlyList<TaskDto>> Handle(GetReadyTasksQuery query, CancellationToken cancellationToken)
    {
        var repositoryId = query.Repository is null ? (Guid?)null : await repositories.ResolveIdAsync(query.Repository, cancellationToken);
        var ids = await queue.ListReadyAsync(ReadyScope.For(caller, repositoryId, null), query.Limit ?? Paging.AgentDefaultLimit, cancellationToken);
        var tasks = await db.Tasks.AsNoTracking()
            .Where(t => ids.Contains(t.Id))
            .Select(TaskDtoProjection.Expression)
            .ToDictionaryAsync(t => t.Id, cancellationToken);
        // A task deleted between the two reads is simply no longer ready.
        return [.. ids.Where(tasks.ContainsKey).Select(id => tasks[id])];
    }
}
