using Mediator;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Common.Pagination;
using TaskManager.Domain.ApiKeys;

namespace TaskManager.Application.ApiKeys.Queries.GetApiKeys;

public sealed class GetApiKeysHandler(IApplicationDbContext db, ICurrentActor caller, UserResolver users)
    : IQueryHandler<GetApiKeysQuery, Page<ApiKeyDto>>
{
    public async ValueTask<Page<ApiKeyDto>> Handle(GetApiKeysQuery query, CancellationToken cancellationToken)
    {
        var ownerId = query.UserId is null ? caller.UserId : await users.ResolveIdAsync(query.UserId, cancellationToken);
        if (ownerId != caller.UserId && !caller.IsAdmin)
            throw new ForbiddenException("Only administrators can list other users' keys.");
        var keys = await db.ApiKeys.AsNoTracking()
            .Where(k => k.UserId == ownerId)
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .ToListAsync(cancellationToken);
        var names = await RepositoryNamesAsync(keys, cancellationToken);
        return new Page<ApiKeyDto>(
            [.. keys.Select(k => new ApiKeyDto(k.Id, k.Name, k.Prefix, k.CreatedAt, k.LastUsedAt, k.RevokedAt, k.UserId, k.Scopes, k.ExpiresAt,
                k.CreatedByUserId, k.RepositoryIds?.Select(id => names[id]).ToList()))],
            null);
    }

    /// <summary>Keys hold repository ids, so a renamed repository is shown by its current name; one query for every key.</summary>
    private async Task<Dictionary<Guid, string>> RepositoryNamesAsync(List<ApiKey> keys, CancellationToken ct)
    {
        var ids = keys.SelectMany(k => k.RepositoryIds ?? []).Distinct().ToList();
        return ids.Count == 0
            ? []
            : await db.Repositories.AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
    }
}
