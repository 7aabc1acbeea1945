using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Common.Lookups;

/// <summary>Finds the user an input names: a UUID, an email (any case) or "me" for the caller.</summary>
public sealed class UserResolver(IApplicationDbContext db, ICurrentActor caller)
{
    public const string Me = "me";

    private const int MaxSuggestions = 3;
    private const int MaxScanned = 10_000;

    public async Task<User> ResolveAsync(string reference, CancellationToken ct)
    {
        var id = await ResolveIdAsync(reference, ct);
        return await db.Users.FirstAsync(u => u.Id == id, ct);
    }

    /// <summary>The id alone, without loading the user when the reference already is one (list filters).</summary>
    public async Task<Guid> ResolveIdAsync(string reference, CancellationToken ct)
    {
        var trimmed = reference.Trim();
        if (trimmed.Equals(Me, StringComparison.OrdinalIgnoreCase))
            return caller.UserId;
        Guid? found = Guid.TryParse(trimmed, out var id)
            ? await db.Users.Where(u => u.Id == id).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
            : await FindByEmailAsync(trimmed, ct);
        return found ?? throw NotFoundException.User(trimmed, await SuggestAsync(trimmed, ct));
    }

    /// <summary>
    /// Close emails for a miss ("ada@exmaple.com", "ada"), so an agent can correct itself. Only misses pay for it;
    /// the scan is capped so a large directory cannot make a typo expensive.
    /// </summary>
    private async Task<IReadOnlyList<string>> SuggestAsync(string reference, CancellationToken ct)
    {
        if (Guid.TryParse(reference, out _))
            return [];
        var wanted = User.NormalizeEmail(reference);
        var wantedLocal = wanted.Split('@')[0];
        var emails = await db.Users.AsNoTracking().OrderBy(u => u.Email).Select(u => u.Email).Take(MaxScanned).ToListAsync(ct);
        return emails
            .Select(e => (Email: e, Distance: Math.Min(NameDistance.Between(wanted, e), NameDistance.Between(wantedLocal, e.Split('@')[0]))))
            .Where(c => c.Distance <= Math.Max(2, wantedLocal.Length / 3) || (wantedLocal.Length >= 3 && c.Email.Contains(wantedLocal, StringComparison.Ordinal)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Email, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(c => c.Email)
            .ToList();
    }

    private Task<Guid?> FindByEmailAsync(string email, CancellationToken ct)
    {
        var normalized = User.NormalizeEmail(email);
        return db.Users.Where(u => u.Email == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }
}
