using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Domain.Common;

namespace TaskManager.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Turns the domain events of the tracked aggregates into outbox rows just before saving, so they are inserted
/// in the same transaction (and the same round trip) as the change; after the commit it wakes the relay.
/// </summary>
public sealed class DomainEventsToOutboxInterceptor(TaskEventOutbox taskEvents, DirectoryEventOutbox directoryEvents, IOutboxSignal signal) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            AddOutboxMessages(context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
            AddOutboxMessages(context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        RingIfOutboxWritten(eventData);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        RingIfOutboxWritten(eventData);
        return base.SavedChanges(eventData, result);
    }

    /// <summary>
    /// Adds the outbox rows of the tracked aggregates' events. SaveChanges calls it through this interceptor; a save
    /// that bypasses SaveChanges (<see cref="ApplicationDbContext.SaveInOneStatementAsync"/>) calls it itself.
    /// </summary>
    internal void AddOutboxMessages(DbContext context)
    {
        var aggregates = AggregatesWithEvents(context.ChangeTracker);
        if (aggregates.Count == 0)
            return;
        var events = aggregates.SelectMany(a => a.DomainEvents).ToList();
        aggregates.ForEach(a => a.ClearDomainEvents());
        context.Set<OutboxMessage>().AddRange(taskEvents.FromDomainEvents(events).Concat(directoryEvents.FromDomainEvents(events)));
    }

    /// <summary>
    /// Reads the tracked aggregates without detecting changes: the events are on the entities themselves, and
    /// SaveChanges detects changes right after this interceptor anyway.
    /// </summary>
    private static List<AggregateRoot> AggregatesWithEvents(ChangeTracker tracker)
    {
        using var pause = new ChangeDetectionPause(tracker);
        return tracker.Entries<AggregateRoot>().Select(e => e.Entity).Where(a => a.DomainEvents.Count > 0).ToList();
    }

    /// <summary>Wakes the relay after a save that committed outside SaveChanges.</summary>
    internal void Saved() => signal.Notify();

    private void RingIfOutboxWritten(SaveChangesCompletedEventData eventData)
    {
        // Rows are only visible to the relay once committed; inside an explicit transaction the commit comes later
        // and the relay's poll picks them up.
        if (eventData.Context?.Database.CurrentTransaction is null)
            signal.Notify();
    }
}
