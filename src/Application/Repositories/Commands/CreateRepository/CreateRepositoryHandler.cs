using AutoMapper;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Repositories;

namespace TaskManager.Application.Repositories.Commands.CreateRepository;

public sealed class CreateRepositoryHandler(IApplicationDbContext db, IClock clock, IMapper mapper)
    : ICommandHandler<CreateRepositoryCommand, RepositoryDto>
{
    public async ValueTask<RepositoryDto> Handle(CreateRepositoryCommand command, CancellationToken cancellationToken)
    {
        var repository = CodeRepository.Create(command.Name!, command.Url, clock.UtcNow);
        if (await db.Repositories.AnyAsync(r => r.Name == repository.Name, cancellationToken))
            throw Duplicate(repository.Name);
        db.Repositories.Add(repository);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException)
        {
            throw Duplicate(repository.Name);
        }
        return mapper.Map<RepositoryDto>(repository);
    }

    private static ConflictException Duplicate(string name) =>
        new($"A repository named '{name}' already exists.", new Dictionary<string, object?> { ["name"] = name });
}
