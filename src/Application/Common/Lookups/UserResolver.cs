using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Common.Lookups;

/// <summary>Finds the user an input names: a UUID, an email (any case) or "me" for the caller.</summary>
public sealed class UserResolver(IApplicationDbContext db, ICurrentActor caller)
{
    public const string Me = "me";

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
        return found ?? throw NotFoundException.User(trimmed);
    }

    private Task<Guid?> FindByEmailAsync(string email, CancellationToken ct)
    {
        var normalized = User.NormalizeEmail(email);
        return db.Users.Where(u => u.Email == normalized).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
    }
}
