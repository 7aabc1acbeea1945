using TaskManager.Domain.Repositories;

namespace TaskManager.Application.Common.Lookups;

/// <summary>What the <see cref="DirectoryCache"/> remembers of a repository: its id and its stored name.</summary>
public sealed record DirectoryRepository(Guid Id, string Name)
{
    public static DirectoryRepository Of(CodeRepository repository) => new(repository.Id, repository.Name);

    /// <summary>The repository as an entity to attach unchanged, so a task can point at it without reading its row.</summary>
    public CodeRepository ToReference() => CodeRepository.Reference(Id, Name);
}
