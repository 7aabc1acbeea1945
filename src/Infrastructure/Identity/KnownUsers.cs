using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// Answers "does this token's user exist, and what is their email?" for every authenticated request, from a
/// short-lived cache so authentication does not cost a database round trip per call.
/// </summary>
public sealed class KnownUsers(IMemoryCache cache)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<string?> FindEmailAsync(ApplicationDbContext db, Guid userId, CancellationToken ct)
    {
        if (cache.TryGetValue(userId, out string? email))
            return email;
        email = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (email is not null)
            cache.Set(userId, email, Lifetime);
        return email;
    }
}
