using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Common.Metrics;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.ClaimNextTask;

/// <summary>
/// Picks and claims the most urgent ready task in one transaction: the pick locks the row (skipping rows other claimers
/// hold), so however many agents and instances claim at once, each task goes to one of them.
/// </summary>
public sealed class ClaimNextTaskHandler(
    IApplicationDbContext db,
    ITaskQueue queue,
    ICurrentActor caller,
    IClock clock,
    RepositoryResolver repositories,
    IOutboxSignal outbox,
    TaskManagerMetrics metrics) : ICommandHandler<ClaimNextTaskCommand, ClaimResult>
{
    public async ValueTask<ClaimResult> Handle(ClaimNextTaskCommand command, CancellationToken cancellationToken)
    {
        var lease = TaskLease.Duration(command.LeaseSeconds);
        var repositoryId = command.Repository is null ? (Guid?)null : await repositories.ResolveIdAsync(command.Repository, cancellationToken);
        var scope = ReadyScope.For(caller, repositoryId,
            command.Priority is null ? null : WireEnums.Priority.Parse(command.Priority));

        await using var transaction = await db.BeginTransactionAsync(cancellationToken);
        if (await queue.LockNextReadyAsync(scope, cancellationToken) is not { } taskId)
            return new ClaimResult(null, NothingReady(await queue.CountNotReadyAsync(scope, cancellationToken)));
        var task = await db.LoadForChangeAsync(taskId, caller, cancellationToken);
        var claimant = await db.LoadCallerAsync(caller, cancellationToken);
        task.Claim(claimant, [], caller.AsActor(), lease, clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        metrics.NextTaskClaimed();
        return new ClaimResult(TaskDtoProjection.Map(task), null);
    }

    private static string NothingReady(NotReadyCounts counts)
    {
        var reasons = new List<string>(3);
        if (counts.Blocked > 0)
            reasons.Add($"{counts.Blocked} waiting task(s) are blocked by unfinished tasks");
        if (counts.AssignedToOthers > 0)
            reasons.Add($"{counts.AssignedToOthers} are assigned to others");
        if (counts.Leased > 0)
            reasons.Add($"{counts.Leased} are in progress under someone's lease");
        return reasons.Count == 0
            ? "No task is ready: nothing is waiting to start here. Create tasks, or widen repository/priority."
            : $"No task is ready: {string.Join("; ", reasons)}.";
    }
}
