using System.Text.Json;
using Mediator;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.WaitForChanges;

/// <summary>
/// Reads the log from Redis after the caller's position (so no instance needs to remember the caller), and when
/// nothing there concerns the caller, waits on this process's reader for the log to move on and reads again.
/// </summary>
public sealed class WaitForChangesHandler(
    IApplicationDbContext db, ITaskEventFeed feed, ITaskEventNotifier notifier, ICurrentActor actor, RepositoryResolver repositories)
    : IQueryHandler<WaitForChangesQuery, TaskChanges>
{
    private const int ReadBatch = 500;

    public async ValueTask<TaskChanges> Handle(WaitForChangesQuery query, CancellationToken cancellationToken)
    {
        var since = string.IsNullOrWhiteSpace(query.Since) ? null : query.Since.Trim();
        if (since is not null && !feed.IsValidId(since))
            throw ValidationException.For("since", $"'{since}' is not an event id; pass the 'next' value the previous wait_for_changes returned, or omit since to start from now.");
        var streams = await StreamsAsync(query.Repository, cancellationToken);
        var visibility = await EventVisibility.ForAsync(db, actor, cancellationToken);

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

    /// <summary>The caller's stream and the repository's, as a live-update stream of the same filters reads them.</summary>
    private async Task<HashSet<string>> StreamsAsync(string? repository, CancellationToken ct)
    {
        var streams = new HashSet<string>(StringComparer.Ordinal) { TaskEvents.UserStream(actor.UserId) };
        if (!string.IsNullOrWhiteSpace(repository))
            streams.Add(TaskEvents.RepositoryStream((await repositories.ResolveAsync(repository.Trim(), ct)).Name));
        return streams;
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
