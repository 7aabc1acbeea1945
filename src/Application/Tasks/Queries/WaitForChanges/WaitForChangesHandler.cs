using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.WaitForChanges;

/// <summary>
/// Reads the log from Redis after the caller's position (so no instance needs to remember the caller), and when
/// nothing there concerns the caller, waits on this process's reader for the log to move on and reads again. The
/// database is asked only before the wait, in a scope of its own (<see cref="LookUpAsync"/>).
/// </summary>
public sealed class WaitForChangesHandler(IServiceScopeFactory scopes, ITaskEventFeed feed, ITaskEventNotifier notifier, ICurrentActor actor)
    : IQueryHandler<WaitForChangesQuery, TaskChanges>
{
    private const int ReadBatch = 500;

    public async ValueTask<TaskChanges> Handle(WaitForChangesQuery query, CancellationToken cancellationToken)
    {
        var since = string.IsNullOrWhiteSpace(query.Since) ? null : query.Since.Trim();
        if (since is not null && !feed.IsValidId(since))
            throw ValidationException.For("since", $"'{since}' is not an event id; pass the 'next' value the previous wait_for_changes returned, or omit since to start from now.");
        var (streams, visibility) = await LookUpAsync(query.Repository, cancellationToken);

        using var window = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        window.CancelAfter(TimeSpan.FromSeconds(query.TimeoutSeconds));
        var cursor = since ?? await feed.LastIdAsync(cancellationToken);
        while (true)
        {
            // Every read checks the cursor is still in the log, so a since from before a trim or a Redis data loss,
            // or one the log loses while this call waits, ends in a resync rather than a silent gap.
            if (await ReadMatchingAsync(cursor, streams, visibility, cancellationToken) is not (var changes, var readUpTo))
                return new TaskChanges([], await feed.LastIdAsync(cancellationToken), Resync: true);
            cursor = readUpTo;
            if (changes.Count > 0)
                return new TaskChanges(changes, cursor, Resync: false);
            try
            {
                await notifier.WaitForEventsAfterAsync(cursor, window.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new TaskChanges([], cursor, Resync: false);
            }
        }
    }

    /// <summary>
    /// The caller's stream and the repository's, as a live-update stream of the same filters reads them, and what the
    /// caller may see. In a scope of its own, which gives the database context back to the pool before the wait: the
    /// call's scope lasts as long as the wait, up to a minute, and a context rented there would be held by every waiting
    /// agent, and past the pool's size every request of the process would pay for building one from scratch.
    /// </summary>
    private async Task<(HashSet<string> Streams, EventVisibility Visibility)> LookUpAsync(string? repository, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var streams = new HashSet<string>(StringComparer.Ordinal) { TaskEvents.UserStream(actor.UserId) };
        if (!string.IsNullOrWhiteSpace(repository))
        {
            var resolved = await services.GetRequiredService<RepositoryResolver>().ResolveAsync(repository.Trim(), ct);
            streams.Add(TaskEvents.RepositoryStream(resolved.Name));
        }
        return (streams, await EventVisibility.ForAsync(services.GetRequiredService<IApplicationDbContext>(), actor, ct));
    }

    /// <summary>
    /// The matching events after <paramref name="cursor"/>, up to <see cref="WaitForChangesQuery.MaxEvents"/>, and
    /// the id read up to, which passes the events that did not match so the next call does not read them again; null
    /// when the log no longer holds what followed a position read from.
    /// </summary>
    private async Task<(List<TaskChange> Changes, string ReadUpTo)?> ReadMatchingAsync(string cursor, HashSet<string> streams,
        EventVisibility visibility, CancellationToken ct)
    {
        var changes = new List<TaskChange>();
        while (true)
        {
            var page = await feed.ReadAfterAsync(cursor, ReadBatch, ct);
            if (page.PositionLost)
                return null;
            var batch = page.Events;
            foreach (var published in batch)
            {
                cursor = published.StreamId;
                if (visibility.Admits(published) && TypeFor(published, streams) is { } type)
                    changes.Add(ToChange(published, type));
                if (changes.Count == WaitForChangesQuery.MaxEvents)
                    return (changes, cursor);
            }
            if (batch.Count < ReadBatch)
                return (changes, cursor);
        }
    }

    /// <summary>The routing rule of the relay and of SSE: the type the first of the caller's streams received, if any.</summary>
    private static string? TypeFor(PublishedTaskEvent published, HashSet<string> streams) =>
        TaskEvents.Targets(published.EventType, published.AssigneeId, published.Repository, published.PreviousAssigneeId, published.PreviousRepository)
            .Where(target => streams.Contains(target.Stream))
            .Select(target => target.EventType)
            .FirstOrDefault();

    private static TaskChange ToChange(PublishedTaskEvent published, string type)
    {
        using var task = JsonDocument.Parse(published.TaskData);
        string Field(string name) => task.RootElement.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
        return new TaskChange(type, published.TaskId, Field("title"), Field("status"), published.Timestamp, published.EventId);
    }
}
