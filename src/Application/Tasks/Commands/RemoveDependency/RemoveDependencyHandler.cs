using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.RemoveDependency;

/// <summary>
/// Removes a dependency. No lock is needed: taking a link away cannot close a cycle. The dependant hears of it as
/// task_updated; task_unblocked is kept for a blocker being finished (see <see cref="DependantUnblocking"/>).
/// </summary>
public sealed class RemoveDependencyHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock)
    : ICommandHandler<RemoveDependencyCommand, TaskDependenciesDto>
{
    public async ValueTask<TaskDependenciesDto> Handle(RemoveDependencyCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadWithBlockersForChangeAsync(command.TaskId, caller, cancellationToken);
        var blocker = await db.LoadBlockerAsync(command.BlockedBy, caller, cancellationToken);
        task.RemoveBlocker(blocker, caller.AsActor(), clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        return await db.LoadDependenciesAsync(task, caller, cancellationToken);
    }
}
