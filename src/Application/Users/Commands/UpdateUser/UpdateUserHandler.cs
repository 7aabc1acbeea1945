using AutoMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Users.Commands.UpdateUser;

/// <summary>
/// Changes the user and, in the same transaction, writes the <c>user_changed</c> event every instance acts on. This
/// instance acts on it before answering, so the administrator's next request already sees the person refused (or
/// found under their new email) here.
/// </summary>
public sealed class UpdateUserHandler(IApplicationDbContext db, ICurrentActor caller, IClock clock, IMapper mapper, DirectoryChanges directory)
    : ICommandHandler<UpdateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(UpdateUserCommand command, CancellationToken cancellationToken)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == command.UserId, cancellationToken)
            ?? throw NotFoundException.User(command.UserId.ToString());
        var now = clock.UtcNow;
        if (command.Active is { } active)
            ChangeAccess(user, active, now);
        if (command.Email is not null)
            await ChangeEmailAsync(user, command.Email, now, cancellationToken);
        if (command.Name is not null)
            user.Rename(command.Name, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            throw EmailTaken(user.Email);
        }
        var dto = mapper.Map<UserDto>(user);
        directory.Publish(DirectoryChange.UserChanged(dto));
        return dto;
    }

    private void ChangeAccess(User user, bool active, DateTimeOffset now)
    {
        if (active)
        {
            user.Reactivate(now);
            return;
        }
        // An administrator who locks themselves out has to ask someone with database access to undo it.
        if (user.Id == caller.UserId)
            throw ValidationException.For("active", "You cannot deactivate yourself; ask another administrator.");
        user.Deactivate(now);
    }

    private async Task ChangeEmailAsync(User user, string email, DateTimeOffset now, CancellationToken ct)
    {
        var normalized = User.NormalizeEmail(email);
        if (await db.Users.AnyAsync(u => u.Email == normalized && u.Id != user.Id, ct))
            throw EmailTaken(normalized);
        user.ChangeEmail(normalized, now);
    }

    private static ConflictException EmailTaken(string email) =>
        new($"A user with email '{email}' already exists; choose another email.", new Dictionary<string, object?> { ["email"] = email });
}
