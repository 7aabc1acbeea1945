using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Users.Commands.CreateUser;

public sealed record CreateUserCommand(string? Email, string? Name, string? GithubUsername) : ICommand<UserDto>, IRequireAdmin;
