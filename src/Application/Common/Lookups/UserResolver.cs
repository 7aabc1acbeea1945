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

    /// <summary>The user, in one query (creating a task with an assignee pays this on every call).</summary>
    public async Task<User> ResolveAsync(string reference, CancellationToken ct)
    {
        var trimmed = reference.Trim();
        var user = await Matching(trimmed).FirstOrDefaultAsync(ct);
        return user ?? throw NotFoundException.User(trimmed, await SuggestAsync(trimmed, ct));
    }

    /// <summary>The users a reference names (none or one): by id for "me" and a UUID, else by email.</summary>
    public IQueryable<User> Matching(string reference)
    {
        var trimmed = reference.Trim();
        if (trimmed.Equals(Me, StringComparison.OrdinalIgnoreCase))
            return db.Users.Where(u => u.Id == caller.UserId);
        return Guid.TryParse(trimmed, out var id) ? db.Users.Where(u => u.Id == id) : WithEmail(trimmed);
    }

    /// <summary>The id alone, without loading the user when the reference already is one (list filters).</summary>
    public async Task<Guid> ResolveIdAsync(string reference, CancellationToken ct)
    {
        var trimmed = reference.Trim();
        if (trimmed.Equals(Me, StringComparison.OrdinalIgnoreCase))
            return caller.UserId;
        Guid? found = Guid.TryParse(trimmed, out var id)
            ? await db.Users.Where(u => u.Id == id).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct)
            : await WithEmail(trimmed).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
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

    /// <summary>
    /// The id a reference names when that needs no lookup ("me" or a UUID), not yet checked to exist; callers that
    /// can prove existence another way (a list page that holds the user's tasks) save the round trip.
    /// </summary>
    public bool TryGetUncheckedId(string reference, out Guid id)
    {
        var trimmed = reference.Trim();
        if (trimmed.Equals(Me, StringComparison.OrdinalIgnoreCase))
        {
            id = caller.UserId;
            return true;
        }
        return Guid.TryParse(trimmed, out id);
    }

    /// <summary>Emails are stored normalized, so a look-up by email is an exact match on the unique index.</summary>
    private IQueryable<User> WithEmail(string email)
    {
        var normalized = User.NormalizeEmail(email);
        return db.Users.Where(u => u.Email == normalized);
    }
}
