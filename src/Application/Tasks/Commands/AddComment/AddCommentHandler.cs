using AutoMapper;
using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Tasks.Commands.AddComment;

public sealed class AddCommentHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock, IMapper mapper)
    : ICommandHandler<AddCommentCommand, CommentDto>
{
    public async ValueTask<CommentDto> Handle(AddCommentCommand command, CancellationToken cancellationToken)
    {
        var task = await db.LoadForChangeAsync(command.TaskId, caller, cancellationToken);
        var comment = task.AddComment(command.Comment!, caller.AsActor(command.Author), clock.UtcNow);
        await db.SaveInOneStatementAsync(cancellationToken);
        return mapper.Map<CommentDto>(comment);
    }
}
