using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Repositories;

namespace TaskManager.Application.Common.Lookups;

/// <summary>Finds a repository by name: exactly, else case-insensitively; a miss suggests the closest names.</summary>
public sealed class RepositoryResolver(IApplicationDbContext db)
{
    private const int MaxSuggestions = 3;

    public async Task<CodeRepository> ResolveAsync(string name, CancellationToken ct)
    {
        var trimmed = name.Trim();
        var exact = await db.Repositories.FirstOrDefaultAsync(r => r.Name == trimmed, ct);
        if (exact is not null)
            return exact;
        var lower = trimmed.ToLowerInvariant();
        var caseInsensitive = await db.Repositories.Where(r => r.Name.ToLower() == lower).Take(2).ToListAsync(ct);
        if (caseInsensitive.Count == 1)
            return caseInsensitive[0];
        throw await NotFoundAsync(trimmed, ct);
    }

    public async Task<Guid> ResolveIdAsync(string name, CancellationToken ct) => (await ResolveAsync(name, ct)).Id;

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
