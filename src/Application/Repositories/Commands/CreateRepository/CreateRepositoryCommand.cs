using Mediator;
using TaskManager.Application.Common.Interfaces;

namespace TaskManager.Application.Repositories.Commands.CreateRepository;

public sealed record CreateRepositoryCommand(string? Name, string? Url) : ICommand<RepositoryDto>, IRequireAdmin;
