using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// Checks a presented key on every call, against PostgreSQL, without a cache: a revocation committed by any
/// instance is seen by the very next call everywhere, with no invalidation message that could be lost; so is the
/// deactivation of the key's owner. The
/// look-up is one prepared primary-index probe joined to the owner (measured in docs/mcp-design.md), cheaper
/// than the tool call it guards. Use is recorded in memory and written in batches (<see cref="ApiKeyUsage"/>).
/// </summary>
public sealed class ApiKeyAuthenticator(ApplicationDbContext db, IApiKeyHasher hasher, ApiKeyUsage usage, TimeProvider time)
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
        // The index finds the row by digest, which an attacker cannot steer without the salt; the final
        // comparison is constant-time all the same.
        var found = await FindByDigest(db, digest, ct);
        if (found is null || !CryptographicOperations.FixedTimeEquals(found.Digest, digest))
            return null;
        var owner = new ApiKeyOwner(found.Id, found.Name, found.UserId, found.Email, found.Active, found.Scopes, found.ExpiresAt, found.RepositoryIds);
        var now = time.GetUtcNow();
        // A refused expired key is not a use; the caller tells its holder when it expired.
        if (!owner.IsExpiredAt(now))
            usage.Record(found.Id, now);
        return owner;
    }

    private sealed record FoundKey(Guid Id, string Name, byte[] Digest, string[] Scopes, DateTimeOffset? ExpiresAt, Guid[]? RepositoryIds,
        Guid UserId, string Email, bool Active);
}
