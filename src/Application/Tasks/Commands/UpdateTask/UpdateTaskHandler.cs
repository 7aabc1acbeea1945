using Mediator;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Commands.UpdateTask;

public sealed class UpdateTaskHandler(
    IApplicationDbContext db,
    ICurrentActor caller,
    IClock clock,
    UserResolver users,
    RepositoryResolver repositories) : ICommandHandler<UpdateTaskCommand, TaskDto>
{
    public async ValueTask<TaskDto> Handle(UpdateTaskCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        var actor = caller.AsActor(command.UpdatedBy);
        var now = clock.UtcNow;
        var expected = command.ExpectedVersion;

        task.Edit(
            command.Title,
            command.Description,
            command.Priority is null ? null : WireEnums.Priority.Parse(command.Priority),
            command.Complexity is null ? null : WireEnums.Complexity.Parse(command.Complexity),
            actor, now, expected);
        // The version check applies to the state the caller saw, before this request's own edits.
        if (command.AssigneeId.IsSet)
        {
            var assignee = command.AssigneeId.Value is null ? null : await users.ResolveAssigneeAsync(command.AssigneeId.Value, task.AssigneeId, cancellationToken);
            task.Reassign(assignee, actor, now);
        }
        if (command.Repository.IsSet)
        {
            var repository = command.Repository.Value is null ? null : await repositories.ResolveAsync(command.Repository.Value, cancellationToken);
            await db.EnsureMayPlaceInAsync(caller, repository, cancellationToken);
            task.MoveToRepository(repository, actor, now);
        }
        await db.SaveInOneStatementAsync(cancellationToken);
        return TaskDtoProjection.Map(task);
    }
}
