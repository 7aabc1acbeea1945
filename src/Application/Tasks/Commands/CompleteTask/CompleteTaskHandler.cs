using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.CompleteTask;

public sealed class CompleteTaskHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock) : ICommandHandler<CompleteTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(CompleteTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, cancellationToken);
        var links = (command.Links ?? []).Select(l => new Uri(l.Trim(), UriKind.Absolute)).ToList();
        task.Complete(command.Summary!, links, caller.AsActor(command.UpdatedBy), clock.UtcNow, command.ExpectedVersion);
        await db.SaveChangesAsync(cancellationToken);
        return TaskDtoProjection.Map(task);
    }
}
