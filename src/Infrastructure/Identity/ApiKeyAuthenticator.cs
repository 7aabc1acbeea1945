using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// Checks a presented key: against what this instance remembers of keys it accepted lately (<see cref="ApiKeyCache"/>,
/// which every revocation and owner change reaches through the directory events), else against PostgreSQL with one
/// prepared primary-index probe joined to the owner. Use is recorded in memory and written in batches
/// (<see cref="ApiKeyUsage"/>).
/// </summary>
public sealed class ApiKeyAuthenticator(IServiceScopeFactory scopes, IApiKeyHasher hasher, ApiKeyCache cache, ApiKeyUsage usage, TimeProvider time)
{
    /// <summary>
    /// Compiled once: every MCP call runs this look-up, and composing it per call (expression tree, EF Core's parameter
    /// extraction and cache key) cost as much server CPU as the statement's round trip (perf, docs/benchmarks.md).
    /// </summary>
    private static readonly Func<ApplicationDbContext, byte[], CancellationToken, Task<FoundKey?>> FindByDigest = EF.CompileAsyncQuery(
        (ApplicationDbContext db, byte[] digest, CancellationToken ct) => db.ApiKeys.AsNoTracking()
            .Where(k => k.Digest == digest && k.RevokedAt == null)
            .Join(db.Users, k => k.UserId, u => u.Id,
                (k, u) => new FoundKey(k.Id, k.Name, k.Digest, k.Scopes, k.ExpiresAt, k.RepositoryIds, u.Id, u.Email, u.DeactivatedAt == null))
            .FirstOrDefault());

    /// <summary>Longer input is refused unhashed: no real key is that long.</summary>
    private const int MaxKeyLength = 200;

    /// <returns>The key's owner, expired or not (see <see cref="ApiKeyOwner.IsExpiredAt"/>); null for an unknown or revoked key.</returns>
    public async Task<ApiKeyOwner?> AuthenticateAsync(string? key, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > MaxKeyLength)
            return null;
        var digest = hasher.Digest(key.Trim());
        var owner = cache.Find(digest) ?? await LookUpAsync(digest, ct);
        if (owner is null)
            return null;
        var now = time.GetUtcNow();
        // A refused expired key is not a use; the caller tells its holder when it expired.
        if (!owner.IsExpiredAt(now))
            usage.Record(owner.KeyId, now);
        return owner;
    }

    private async Task<ApiKeyOwner?> LookUpAsync(byte[] digest, CancellationToken ct)
    {
        var generation = cache.Generation;
        // The index finds the row by digest, which an attacker cannot steer without the salt; the final
        // comparison is constant-time all the same.
        FoundKey? found;
        // A scope of its own, so the context goes back to the pool after the one statement: the request's own context
        // would be held for as long as the request lasts, which for a live-update stream is hours.
        await using (var scope = scopes.CreateAsyncScope())
            found = await FindByDigest(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>(), digest, ct);
        if (found is null || !CryptographicOperations.FixedTimeEquals(found.Digest, digest))
            return null;
        var owner = new ApiKeyOwner(found.Id, found.Name, found.UserId, found.Email, found.Active, found.Scopes, found.ExpiresAt, found.RepositoryIds);
        cache.Remember(digest, owner, generation);
        return owner;
    }

    private sealed record FoundKey(Guid Id, string Name, byte[] Digest, string[] Scopes, DateTimeOffset? ExpiresAt, Guid[]? RepositoryIds,
        Guid UserId, string Email, bool Active);
}
