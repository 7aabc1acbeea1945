using AutoMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Users.Commands.UpdateUser;

/// <summary>
/// Changes the user and, in the same transaction, writes the <c>user_changed</c> event every instance acts on. This
/// instance acts on it before answering, so the administrator's next request already sees the person refused here.
/// </summary>
public sealed class UpdateUserHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock, IMapper mapper, DirectoryChanges directory)
    : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
            ?? throw NotFoundException.User(command.UserId.ToString());
        if (command.Active is false)
        {
            // An administrator who locks themselves out has to ask someone with database access to undo it.
            if (user.Id == caller.UserId)
                throw ValidationException.For("active", "You cannot deactivate yourself; ask another administrator.");
            user.Deactivate(clock.UtcNow);
        }
        else
        {
            user.Reactivate(clock.UtcNow);
        }
        await db.SaveChangesAsync(cancellationToken);
        var dto = mapper.Map<UserDto>(user);
        directory.Publish(DirectoryChange.UserChanged(dto));
        return dto;
    }
}
