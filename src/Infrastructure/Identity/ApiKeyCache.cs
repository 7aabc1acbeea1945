using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Contract;

namespace TaskManager.Infrastructure.Identity;

/// <summary>
/// The keys this instance accepted lately, by digest, so an MCP call needs no look-up (it was the call's second
/// statement and a sixth of its server CPU). A revocation reaches every instance at once through its
/// <c>api_key_revoked</c> event, and a change to the owner through <c>user_changed</c>; the lifetime
/// (API_KEY_CACHE_SECONDS) only bounds how long a lost event could go unnoticed, as for users (ADR 0007). Unknown
/// and revoked keys are never remembered, so a new key works at once and guessing fills nothing.
/// </summary>
public sealed class ApiKeyCache(TimeProvider time, IOptions<ApiKeyOptions> options) : IDirectoryChangeListener
{
    /// <summary>More live keys than one instance serves; past it the cache starts over rather than grow.</summary>
    private const int MaxKeys = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _byDigest = new(StringComparer.Ordinal);
    private readonly InvalidationGuard _guard = new();

    /// <summary>Read before a look-up and handed to <see cref="Remember"/>, so a result that raced a revocation is dropped.</summary>
    public long Generation => _guard.Changes;

    public ApiKeyOwner? Find(byte[] digest) =>
        _byDigest.TryGetValue(Convert.ToHexString(digest), out var entry) && time.GetUtcNow() < entry.Until ? entry.Owner : null;

    /// <param name="generation">
    /// <see cref="Generation"/> as it was before the look-up: if anything was forgotten since, the owner may be what a
    /// revocation just replaced, and is not kept.
    /// </param>
    public void Remember(byte[] digest, ApiKeyOwner owner, long generation)
    {
        var lifetime = options.Value.CacheLifetime;
        if (lifetime <= TimeSpan.Zero)
            return;
        _guard.Remember(generation, () =>
        {
            if (_byDigest.Count >= MaxKeys)
                _byDigest.Clear();
            _byDigest[Convert.ToHexString(digest)] = new Entry(owner, time.GetUtcNow() + lifetime);
        });
    }

    public void OnChanged(DirectoryChange change)
    {
        Func<ApiKeyOwner, bool>? affected = change.EventType switch
        {
            DirectoryEvents.ApiKeyRevoked => owner => owner.KeyId == change.SubjectId,
            DirectoryEvents.UserChanged => owner => owner.UserId == change.SubjectId,
            _ => null,
        };
        if (affected is not null)
            Forget(affected);
    }

    public void OnChangesMissed() => Forget(_ => true);

    private void Forget(Func<ApiKeyOwner, bool> affected) => _guard.Forget(() =>
    {
        foreach (var (digest, entry) in _byDigest)
        {
            if (affected(entry.Owner))
                _byDigest.TryRemove(digest, out _);
        }
    });

    private sealed record Entry(ApiKeyOwner Owner, DateTimeOffset Until);
}
