using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Common.Lookups;

/// <summary>
/// Finds the user an input names: a UUID, an email (any case) or "me" for the caller. Users this instance has found
/// before come from the <see cref="DirectoryCache"/> without a query.
/// </summary>
public sealed class UserResolver(IApplicationDbContext db, ICurrentActor caller, DirectoryCache cache)
{
    public const string Me = "me";

    /// <summary>The input that names an assignee (MCP tools map it to their own argument name).</summary>
    private const string AssigneeField = "assignee_id";

    private const int MaxSuggestions = 3;
    private const int MaxScanned = 10_000;

    /// <summary>
    /// The person a task is given to, from the cache or in one query (creating a task with an assignee pays this on every
    /// call); see <see cref="Assignable"/>.
    /// </summary>
    /// <param name="currentAssigneeId">
    /// Who has the task now, if anyone: naming them again (an edit form sends every field) is no new assignment, so a
    /// deactivated assignee is kept rather than refused.
    /// </param>
    public async Task<User> ResolveAssigneeAsync(string reference, Guid? currentAssigneeId, CancellationToken ct)
    {
        var trimmed = reference.Trim();
        var user = Cached(trimmed) is { } known ? Attach(known) : await FindAsync(trimmed, ct);
        return user.Id == currentAssigneeId ? user : Assignable(user);
    }

    /// <summary>The user the cache holds for a reference, if it holds them.</summary>
    public DirectoryUser? Cached(string reference)
    {
        var trimmed = reference.Trim();
        DirectoryUser? known;
        var found = trimmed.Equals(Me, StringComparison.OrdinalIgnoreCase) ? cache.TryGetUser(caller.UserId, out known)
            : Guid.TryParse(trimmed, out var id) ? cache.TryGetUser(id, out known)
            : cache.TryGetUserByEmail(User.NormalizeEmail(trimmed), out known);
        return found ? known : null;
    }

    /// <summary>The user as this unit of work tracks them, or else attached unchanged from what the cache holds (no query).</summary>
    public User Attach(DirectoryUser known) => TrackedOrAttached.Get(db.Users, known.Id, known.ToReference);

    /// <param name="changesSeen"><see cref="DirectoryCache.ChangesSeen"/> taken before the user was read.</param>
    public void Remember(User user, long changesSeen) => cache.Remember(DirectoryUser.Of(user), changesSeen);

    private async Task<User> FindAsync(string reference, CancellationToken ct)
    {
        var changesSeen = cache.ChangesSeen;
        var user = await Matching(reference).FirstOrDefaultAsync(ct) ?? throw NotFoundException.User(reference, await SuggestAsync(reference, ct));
        Remember(user, changesSeen);
        return user;
    }

    /// <summary>
    /// A deactivated person keeps the tasks they had but is given no new ones: nobody could work on them under their
    /// name. Refused as the assignee input, so the caller fixes the input (or an administrator the person).
    /// </summary>
    public static User Assignable(User user) => user.IsActive
        ? user
        : throw ValidationException.For(AssigneeField,
            $"{user.Email} has been deactivated and cannot be given tasks; pick someone else (list_users, GET /api/users) "
            + "or ask an administrator to reactivate them (PATCH /api/users/{id} {\"active\": true}).");

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
        if (Cached(trimmed) is { } known)
            return known.Id;
        var changesSeen = cache.ChangesSeen;
        var found = await Matching(trimmed)
            .Select(u => new DirectoryUser(u.Id, u.Email, u.Name, u.DeactivatedAt))
            .FirstOrDefaultAsync(ct)
            ?? throw NotFoundException.User(trimmed, await SuggestAsync(trimmed, ct));
        cache.Remember(found, changesSeen);
        return found.Id;
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
