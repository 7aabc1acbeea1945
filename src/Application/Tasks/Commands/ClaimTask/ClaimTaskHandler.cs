using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Metrics;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.ClaimTask;

/// <summary>
/// Claims a task the caller chose. Two callers claiming it at once both pass the checks, but the version check on save
/// lets only the first write through; the other is told the task changed.
/// </summary>
public sealed class ClaimTaskHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock, TaskManagerMetrics metrics)
    : ICommandHandler<ClaimTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(ClaimTaskCommand command, CancellationToken cancellationToken)
    {
        var lease = TaskLease.Duration(command.LeaseSeconds);
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        var openBlockers = await db.LoadOpenBlockersAsync(task.Id, cancellationToken);
        task.Claim(await db.LoadCallerAsync(caller, cancellationToken), openBlockers, caller.AsActor(), lease, clock.UtcNow);
        await db.SaveInOneStatementAsync(cancellationToken);
        metrics.ChosenTaskClaimed();
        return TaskDtoProjection.Map(task);
    }
}
