using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Contract;

namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// Answers "does this token's user exist, may they still sign in, and what is their email?" for every authenticated
/// request, from a cache so authentication does not cost a database round trip per call; and finds a user by email
/// for the operator CLI. One small statement each, on the shared data source: no DbContext to rent for two columns.
/// A <c>user_changed</c> event drops the user's entry on every instance, so a deactivation is not served from memory.
/// </summary>
public sealed class KnownUsers(NpgsqlDataSource database, IOptions<UserCacheOptions> options) : IDirectoryChangeListener, IDisposable
{
    // A cache of its own, so forgetting everything after a lost event forgets nothing else.
    private readonly MemoryCache _cache = new(new MemoryCacheOptions());

    /// <summary>A value task: it is almost always answered from memory, for every request and every stream's tick.</summary>
    public async ValueTask<KnownUser?> FindAsync(Guid userId, CancellationToken ct)
    {
        if (_cache.TryGetValue(userId, out KnownUser? known))
            return known;
        await using var command = database.CreateCommand("SELECT email, deactivated_at IS NULL FROM users WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = userId });
        await using (var reader = await command.ExecuteReaderAsync(ct))
            known = await reader.ReadAsync(ct) ? new KnownUser(reader.GetString(0), reader.GetBoolean(1)) : null;
        if (known is not null && options.Value.Lifetime > TimeSpan.Zero)
            _cache.Set(userId, known, options.Value.Lifetime);
        return known;
    }

    /// <param name="email">Already normalised (<c>User.NormalizeEmail</c>).</param>
    public async Task<Guid?> FindIdAsync(string email, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT id FROM users WHERE email = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = email });
        return await command.ExecuteScalarAsync(ct) as Guid?;
    }

    public void OnChanged(DirectoryChange change)
    {
        if (change.EventType == DirectoryEvents.UserChanged)
            _cache.Remove(change.SubjectId);
    }

    public void OnChangesMissed() => _cache.Clear();

    public void Dispose() => _cache.Dispose();
}
