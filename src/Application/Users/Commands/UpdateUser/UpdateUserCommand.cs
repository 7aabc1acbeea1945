using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Users.Commands.UpdateUser;

/// <summary>Deactivates (<c>Active = false</c>) or reactivates a user; administrators only.</summary>
public sealed record UpdateUserCommand(Guid UserId, bool? Active) : ICommand<UserDto>, IRequireAdmin;
