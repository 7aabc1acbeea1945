using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.CompleteTask;

/// <summary>Completes the task with its evidence; like any finish, it tells the tasks it was the last blocker of (task_unblocked).</summary>
public sealed class CompleteTaskHandler(
    IApplicationDbContext db,
    ICurrentActor caller,
    IClock clock,
    DependantUnblocking unblocking) : ICommandHandler<CompleteTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CompleteTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        var wasOpen = task.IsOpen;
        var now = clock.UtcNow;
        var links = (command.Links ?? []).Select(l => new Uri(l.Trim(), UriKind.Absolute)).ToList();
        task.Complete(command.Summary!, links, caller.AsActor(command.UpdatedBy), now, command.ExpectedVersion);
        await unblocking.SaveAsync(task, wasOpen, now, cancellationToken);
        return TaskDtoProjection.Map(task);
    }
}
