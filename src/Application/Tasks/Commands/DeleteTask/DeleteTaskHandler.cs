using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.DeleteTask;

/// <summary>
/// Deletes a task, for its creator or an administrator only: a member may change anyone's task, but removing it takes
/// its author's work away (they may cancel it instead). A deleted blocker blocks nothing, so its dependants may be
/// unblocked (task_unblocked).
/// </summary>
public sealed class DeleteTaskHandler(
    IApplicationDbContext db,
    ICurrentActor caller,
    IClock clock,
    DependantUnblocking unblocking) : ICommandHandler<DeleteTaskCommand>
{
    public async ValueTask<Unit> Handle(DeleteTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        if (!caller.IsAdmin && !task.IsCreatedBy(caller.UserId))
            throw await RefusalAsync(task, cancellationToken);
        var wasOpen = task.IsOpen;
        var now = clock.UtcNow;
        task.Delete(caller.AsActor(), now, command.ExpectedVersion);
        await unblocking.SaveAsync(task, wasOpen, now, cancellationToken);
        return Unit.Value;
    }

    /// <summary>Names who may delete the task by email, not by its <c>created_by</c> label, which an agent may have chosen.</summary>
    private async Task<ForbiddenException> RefusalAsync(TaskItem task, CancellationToken ct)
    {
        var creator = task.CreatedById is { } id
            ? await db.Users.Where(u => u.Id == id).Select(u => u.Email).FirstOrDefaultAsync(ct)
            : null;
        var who = creator is null
            ? "an administrator (its creator is not recorded)"
            : $"its creator ({creator}) or an administrator";
        return new ForbiddenException($"Only {who} may delete task {task.Id}; to stop the work, set its status to cancelled instead.");
    }
}
