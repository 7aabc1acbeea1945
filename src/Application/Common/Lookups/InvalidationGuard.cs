namespace TaskManager.Application.Common.Lookups;

/// <summary>
/// Keeps a cache from bringing back what an invalidation just removed. A reader takes <see cref="Changes"/> before it
/// reads the source and hands it to <see cref="Remember"/>, which stores the result only if no change was heard in
/// between: a read that raced an invalidation may carry the old state, so it is dropped rather than remembered. Both
/// sides hold one lock, so a store never lands in the middle of a forget; the callbacks run under it, and so only touch
/// the cache's own memory.
/// </summary>
public sealed class InvalidationGuard
{
    private readonly Lock _gate = new();
    private long _changes;

    /// <summary>How many changes this cache has heard; take it before reading the source.</summary>
    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Counts a change, then drops what it affects (<paramref name="forget"/>).</summary>
    public void Forget(Action forget)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _changes);
            forget();
        }
    }

    /// <summary>Runs <paramref name="remember"/> only if no change was heard since <paramref name="changesSeen"/> was taken.</summary>
    public void Remember(long changesSeen, Action remember)
    {
        lock (_gate)
        {
            if (_changes == changesSeen)
                remember();
        }
    }
}
