using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Common.Lookups;

/// <summary>
/// This instance's memory of the users and repositories it has resolved, so a create that names an assignee and a
/// repository, or a list filtered by email or repository name, usually costs no look-up query (docs/benchmarks.md).
/// </summary>
/// <remarks>
/// Only hits are remembered: a name it does not know goes to the database, so a user or repository created a moment
/// ago on any instance is found at once. A directory event drops its subject on every instance (and the instance that
/// made the change drops it before it answers); entries also expire after <see cref="DirectoryCacheOptions.Lifetime"/>
/// in case an event is lost. Emails and names only point at an id: an entry is found by name only while the entry for
/// that id still carries that name, so dropping the id's entry is all an invalidation needs, and a name that moved to
/// another user or repository is never answered with the old one.
/// </remarks>
public sealed class DirectoryCache(IClock clock, IOptions<DirectoryCacheOptions> options) : IDirectoryChangeListener
{
    /// <summary>Per kind. The directory is small; one larger than this is forgotten and relearned rather than tracked.</summary>
    public const int MaxEntries = 10_000;

    private readonly InvalidationGuard _guard = new();
    private readonly Section<DirectoryUser> _users = new(StringComparer.Ordinal);
    private readonly Section<DirectoryRepository> _repositories = new(StringComparer.Ordinal);

    /// <summary>Take this before reading the directory and hand it to <c>Remember</c> (<see cref="InvalidationGuard"/>).</summary>
    public long ChangesSeen => _guard.Changes;

    public bool TryGetUser(Guid id, [NotNullWhen(true)] out DirectoryUser? user) => _users.TryGet(id, clock.UtcNow, out user);

    /// <param name="email">Normalised (<c>User.NormalizeEmail</c>), as stored.</param>
    public bool TryGetUserByEmail(string email, [NotNullWhen(true)] out DirectoryUser? user) =>
        _users.TryGetByName(email, clock.UtcNow, u => u.Email, out user);

    /// <param name="name">The stored name exactly (case and all).</param>
    public bool TryGetRepository(string name, [NotNullWhen(true)] out DirectoryRepository? repository) =>
        _repositories.TryGetByName(name, clock.UtcNow, r => r.Name, out repository);

    public void Remember(DirectoryUser user, long changesSeen) => Remember(_users, user.Id, user.Email, user, changesSeen);

    public void Remember(DirectoryRepository repository, long changesSeen) =>
        Remember(_repositories, repository.Id, repository.Name, repository, changesSeen);

    public void OnChanged(DirectoryChange change) => _guard.Forget(() =>
    {
        if (change.EventType == DirectoryEvents.UserChanged)
            _users.Forget(change.SubjectId);
    });

    public void OnChangesMissed() => _guard.Forget(() =>
    {
        _users.Clear();
        _repositories.Clear();
    });

    private void Remember<T>(Section<T> section, Guid id, string name, T value, long changesSeen)
        where T : class
    {
        var lifetime = options.Value.Lifetime;
        if (lifetime <= TimeSpan.Zero)
            return;
        _guard.Remember(changesSeen, () =>
        {
            if (section.Count >= MaxEntries)
                section.Clear();
            section.Add(id, name, value, clock.UtcNow + lifetime);
        });
    }

    /// <summary>One kind of entry, by id, with a name (email, repository name) index pointing at ids.</summary>
    private sealed class Section<T>(StringComparer names)
        where T : class
    {
        private readonly ConcurrentDictionary<Guid, Entry> _byId = new();
        private readonly ConcurrentDictionary<string, Guid> _idsByName = new(names);

        // The name index counts too: renames leave names behind that point at an entry which no longer carries them.
        public int Count => Math.Max(_byId.Count, _idsByName.Count);

        public bool TryGet(Guid id, DateTimeOffset now, [NotNullWhen(true)] out T? value)
        {
            value = null;
            if (!_byId.TryGetValue(id, out var entry))
                return false;
            if (entry.ExpiresAt <= now)
            {
                // Only this entry: a fresher one stored since is kept.
                _byId.TryRemove(new KeyValuePair<Guid, Entry>(id, entry));
                return false;
            }
            value = entry.Value;
            return true;
        }

        public bool TryGetByName(string name, DateTimeOffset now, Func<T, string> nameOf, [NotNullWhen(true)] out T? value)
        {
            if (_idsByName.TryGetValue(name, out var id) && TryGet(id, now, out value) && nameOf(value) == name)
                return true;
            value = null;
            return false;
        }

        public void Add(Guid id, string name, T value, DateTimeOffset expiresAt)
        {
            _byId[id] = new Entry(value, expiresAt);
            _idsByName[name] = id;
        }

        public void Forget(Guid id) => _byId.TryRemove(id, out _);

        public void Clear()
        {
            _byId.Clear();
            _idsByName.Clear();
        }

        private sealed record Entry(T Value, DateTimeOffset ExpiresAt);
    }
}
