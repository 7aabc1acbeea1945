using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Users.Commands.UpdateUser;

/// <summary>
/// Deactivates (<c>Active = false</c>) or reactivates a user, or changes their email or display name; administrators
/// only. A null field stays as it is; an empty name removes it.
/// </summary>
public sealed record UpdateUserCommand(Guid UserId, bool? Active, string? Email, string? Name) : ICommand<UserDto>, IRequireAdmin;
