using AutoMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Users.Commands.CreateUser;

public sealed class CreateUserHandler(IApplicationDbContext db, IClock clock, IMapper mapper) : ICommandHandler<CreateUserCommand, UserDto>
{
    public async ValueTask<UserDto> Handle(CreateUserCommand command, CancellationToken cancellationToken)
    {
        var user = User.Create(command.Email!, command.Name, command.GithubUsername, clock.UtcNow);
        if (await db.Users.AnyAsync(u => u.Email == user.Email, cancellationToken))
            throw Duplicate(user.Email);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            throw Duplicate(user.Email);
        }
        return mapper.Map<UserDto>(user);
    }

    private static ConflictException Duplicate(string email) =>
        new($"A user with email '{email}' already exists.", new Dictionary<string, object?> { ["email"] = email });
}
