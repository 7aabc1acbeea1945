using Microsoft.EntityFrameworkCore;

namespace TaskManager.Application.Common.Lookups;

/// <summary>How a resolver hands out an entity the <see cref="DirectoryCache"/> knows, without a query.</summary>
internal static class TrackedOrAttached
{
    /// <summary>
    /// The entity this unit of work already tracks under <paramref name="id"/> (so one request never holds two copies of
    /// it), or else the cache's stand-in attached unchanged.
    /// </summary>
    public static T Get<T>(DbSet<T> set, Guid id, Func<T> standIn)
        where T : class
    {
        if (set.Local.FindEntry(id) is { } tracked)
            return tracked.Entity;
        var entity = standIn();
        set.Attach(entity);
        return entity;
    }
}
