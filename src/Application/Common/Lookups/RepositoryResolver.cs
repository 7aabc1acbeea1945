using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Repositories;

namespace TaskManager.Application.Common.Lookups;

/// <summary>
/// Finds a repository by name: exactly, else case-insensitively; a miss suggests the closest names. Repositories this
/// instance has found before by their exact name come from the <see cref="DirectoryCache"/> without a query.
/// </summary>
public sealed class RepositoryResolver(IApplicationDbContext db, DirectoryCache cache)
{
    private const int MaxSuggestions = 3;

    public async Task<CodeRepository> ResolveAsync(string name, CancellationToken ct)
    {
        var trimmed = name.Trim();
        if (Cached(trimmed) is { } known)
            return Attach(known);
        var changesSeen = cache.ChangesSeen;
        var repository = await db.Repositories.FirstOrDefaultAsync(r => r.Name == trimmed, ct) ?? await FindIgnoringCaseAsync(trimmed, ct);
        Remember(repository, changesSeen);
        return repository;
    }

    public async Task<Guid> ResolveIdAsync(string name, CancellationToken ct) =>
        Cached(name.Trim()) is { } known ? known.Id : (await ResolveAsync(name, ct)).Id;

    /// <summary>The repository the cache holds under this exact name, if it holds it.</summary>
    public DirectoryRepository? Cached(string name) => cache.TryGetRepository(name.Trim(), out var known) ? known : null;

    /// <summary>The repository as this unit of work tracks it, or else attached unchanged from what the cache holds (no query).</summary>
    public CodeRepository Attach(DirectoryRepository known) =>
        TrackedOrAttached.Get(db.Repositories, known.Id, known.ToReference);

    /// <param name="changesSeen"><see cref="DirectoryCache.ChangesSeen"/> taken before the repository was read.</param>
    public void Remember(CodeRepository repository, long changesSeen) => cache.Remember(DirectoryRepository.Of(repository), changesSeen);

    private async Task<CodeRepository> FindIgnoringCaseAsync(string name, CancellationToken ct)
    {
        var lower = name.ToLowerInvariant();
        var caseInsensitive = await db.Repositories.Where(r => r.Name.ToLower() == lower).Take(2).ToListAsync(ct);
        return caseInsensitive.Count == 1 ? caseInsensitive[0] : throw await NotFoundAsync(name, ct);
    }

    private async Task<NotFoundException> NotFoundAsync(string name, CancellationToken ct)
    {
        var names = await db.Repositories.AsNoTracking().Select(r => r.Name).ToListAsync(ct);
        var suggestions = names
            .Select(n => (Name: n, Distance: NameDistance.Between(name, n)))
            .Where(c => c.Distance <= Math.Max(2, name.Length / 2) || c.Name.Contains(name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(c => c.Name)
            .ToList();
        var hint = suggestions.Count > 0 ? $" Did you mean {string.Join(", ", suggestions.Select(s => $"'{s}'"))}?" : "";
        return new NotFoundException("repository", name, $"Repository '{name}' was not found.{hint}", suggestions);
    }
}
