using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// Answers "does this token's user exist, and what is their email?" for every authenticated request, from a
/// short-lived cache so authentication does not cost a database round trip per call; and finds a user by email for
/// the operator CLI. One small statement each, on the shared data source: no DbContext to rent for a single column.
/// </summary>
public sealed class KnownUsers(IMemoryCache cache, NpgsqlDataSource database)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<string?> FindEmailAsync(Guid userId, CancellationToken ct)
    {
        if (cache.TryGetValue(userId, out string? email))
            return email;
        await using var command = database.CreateCommand("SELECT email FROM users WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        email = await command.ExecuteScalarAsync(ct) as string;
        if (email is not null)
            cache.Set(userId, email, Lifetime);
        return email;
    }

    /// <param name="email">Already normalised (<c>User.NormalizeEmail</c>).</param>
    public async Task<Guid?> FindIdAsync(string email, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT id FROM users WHERE email = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }
}
