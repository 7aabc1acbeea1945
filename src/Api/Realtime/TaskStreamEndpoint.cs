using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TaskManager.Api.Common;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Json;
using TaskManager.Application.Common.Metrics;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks.Queries.ResolveEventFilter;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.Realtime;

/// <summary>
/// <c>GET /api/tasks/stream</c>: Server-Sent Events of the tasks of a user and of some repositories. The stream
/// says <c>: subscribed</c> once registered; with Last-Event-ID it first replays what the client missed.
/// </summary>
public static partial class TaskStreamEndpoint
{
    public const string Path = "/api/tasks/stream";
    public const string LastEventIdHeader = WireHeaders.LastEventId;

    public static RouteHandlerBuilder MapTaskStream(this IEndpointRouteBuilder routes) =>
        routes.MapGet(Path, StreamAsync)
            .RequireAuthorization()
            .WithTags("Tasks")
            .WithName("TaskStream")
            .WithSummary("Live task events as Server-Sent Events; resume with Last-Event-ID.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesErrors([.. ErrorResponses.Common, StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound]);

    private static async Task StreamAsync(
        HttpContext http,
        IServiceScopeFactory scopes,
        ICurrentActor actor,
        EventStreamHub hub,
        ITaskEventFeed feed,
        IOptions<RealtimeOptions> options,
        TaskManagerMetrics metrics,
        KnownUsers users,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers,
        [FromQuery(Name = "user_id")] string? userId = null,
        string? repositories = null,
        [FromQuery(Name = "last_event_id")] string? lastEventIdQuery = null)
    {
        var lastEventId = http.Request.Headers[LastEventIdHeader].ToString() is { Length: > 0 } header ? header.Trim() : lastEventIdQuery?.Trim();
        if (string.IsNullOrEmpty(lastEventId))
            lastEventId = null;
        else if (!feed.IsValidId(lastEventId))
            throw ValidationException.For("last_event_id", "Last-Event-ID must be an id this stream sent (such as 1764079910123-0).");

        var filter = await ResolveFilterAsync(scopes, new ResolveEventFilterQuery(userId, repositories), http.RequestAborted);
        var settings = options.Value;
        var subscription = await hub.SubscribeAsync(actor.UserId, new SubscriberFilter(filter), http.RequestAborted);
        if (subscription is null)
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            await http.Response.WriteAsJsonAsync(ErrorBody.Of(ErrorCodes.RateLimited,
                $"You already have {settings.MaxStreamsPerUser} live-update streams open; close one first.",
                new Dictionary<string, object?> { ["max_streams"] = settings.MaxStreamsPerUser }), WireJson.Options, http.RequestAborted);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping, subscription.CutOff);
        var logger = loggers.CreateLogger(typeof(TaskStreamEndpoint));
        try
        {
            var response = http.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            response.Headers["X-Accel-Buffering"] = "no";
            http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            // Frames are copied straight into Kestrel's pipe and flushed once per batch.
            var body = response.BodyWriter;
            body.Write(Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"retry: {settings.RetryMilliseconds}\n: subscribed\n\n")));
            await body.FlushAsync(stop.Token);

            var lastSent = lastEventId is null ? subscription.StartPosition : await ReplayAsync(body, feed, hub, subscription, lastEventId, metrics, stop.Token);
            await RelayLiveAsync(body, feed, hub, subscription, lastSent, new AccountCheck(users, actor.UserId), metrics, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Client gone, server stopping, or the subscriber was too slow: end the stream.
        }
        finally
        {
            hub.Unsubscribe(subscription);
            if (subscription.IsCutOff && !http.RequestAborted.IsCancellationRequested)
            {
                LogCutOff(logger, actor.UserId);
                // A write may still be stuck on the socket; drop the connection so the client reconnects and resumes.
                http.Abort();
            }
        }
    }

    /// <summary>
    /// In a scope of its own, which gives the database context back to the pool as soon as the filter is known. The
    /// request's scope lives as long as the stream, for hours: a context rented there would be held by every open stream,
    /// and beyond the pool's 1,024 every request of the process would pay for building a context from scratch.
    /// </summary>
    private static async Task<EventFilter> ResolveFilterAsync(IServiceScopeFactory scopes, ResolveEventFilterQuery query, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query, ct);
    }

    /// <summary>
    /// Sends the matching events after <paramref name="lastEventId"/> up to where the live queue starts, or a resync
    /// if the log cannot serve exactly what followed that position. Returns the id the client now stands at: live
    /// events up to it are not sent again.
    /// </summary>
    private static async Task<string> ReplayAsync(PipeWriter body, ITaskEventFeed feed, EventStreamHub hub, EventSubscription subscription,
        string lastEventId, TaskManagerMetrics metrics, CancellationToken ct)
    {
        var cursor = lastEventId;
        // At least one read, even for a client ahead of this instance's reader (it saw newer events through another
        // instance): the read is what checks that the position is still in the log.
        do
        {
            var page = await feed.ReadAfterAsync(cursor, EventStreamHub.ReadBatch, ct);
            if (page.PositionLost)
                return await ResyncAsync(body, feed, hub, subscription, ct);
            var written = 0;
            foreach (var published in page.Events)
            {
                if (feed.Compare(published.StreamId, subscription.StartPosition) > 0)
                    break;
                var liveEvent = new LiveEvent(published);
                if (subscription.Filter.Match(liveEvent) is not { } type)
                    continue;
                body.Write(liveEvent.Frame(type));
                written++;
            }
            await body.FlushAsync(ct);
            metrics.EventsDelivered(written);
            if (page.Events.Count < EventStreamHub.ReadBatch)
                break;
            cursor = page.Events[^1].StreamId;
        }
        while (feed.Compare(cursor, subscription.StartPosition) < 0);
        return lastEventId;
    }

    /// <summary>
    /// Answers a position the log cannot serve with one resync naming a position it can. Not the subscription's start:
    /// that is where the hub's reader stood in memory, which after a data loss is still a position of the lost log until
    /// the reader reads again (woken by a doorbell or its poll). When that start is lost and the reader will say so
    /// itself (<see cref="EventStreamHub.ReaderResyncs"/>), nothing is written here: the reader queues a resync for this
    /// stream, with the log's end, as for every stream it holds. Otherwise the resync names the log's end, read now; the
    /// live events queued up to it are skipped, since the refetch the client makes on the resync comes after this read.
    /// Returns the id the client now stands at.
    /// </summary>
    private static async Task<string> ResyncAsync(PipeWriter body, ITaskEventFeed feed, EventStreamHub hub, EventSubscription subscription,
        CancellationToken ct)
    {
        if (hub.ReaderResyncs(subscription) && (await feed.ReadAfterAsync(subscription.StartPosition, 1, ct)).PositionLost)
            return subscription.StartPosition;
        var end = await feed.LastIdAsync(ct);
        body.Write(ControlFrames.Resync(end));
        await body.FlushAsync(ct);
        return end;
    }

    /// <summary>
    /// Writes what the hub queues, a batch at a time with one flush, until the queue completes (server shutdown, or the
    /// owner's stream ended). No timer is armed per event: the heartbeat and the look at the owner wait for the hub's
    /// <see cref="StreamFrame.Tick"/>, every half heartbeat.
    /// </summary>
    private static async Task RelayLiveAsync(PipeWriter body, ITaskEventFeed feed, EventStreamHub hub, EventSubscription subscription,
        string lastSent, AccountCheck account, TaskManagerMetrics metrics, CancellationToken ct)
    {
        var events = subscription.Events;
        // Queued events the client already has: it resumed from beyond where the live queue starts (it saw them through
        // another instance), or was told to resync at the log's end, beyond it. Compared only up to the first newer one,
        // since every event after it is newer still.
        var skipThrough = feed.Compare(lastSent, subscription.StartPosition) > 0 ? lastSent : null;
        // Silent for a whole tick interval means a heartbeat at the tick, so no stream is silent for much longer than a
        // heartbeat, and an idle one sends one every second tick.
        var wroteSinceTick = true;
        // The wait takes no token: a cancellable wait allocates a waiter each time, which is one per delivery and the
        // fan-out's garbage at thousands of streams. The stream's end completes the queue instead, which ends the wait.
        using var wake = ct.UnsafeRegister(static subscription => ((EventSubscription)subscription!).Complete(), subscription);
        while (await events.WaitToReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            var wrote = false;
            var written = 0;
            var ticked = false;
            while (events.TryRead(out var frame))
            {
                if (frame.Kind == StreamFrameKind.Tick)
                {
                    ticked = true;
                    continue;
                }
                if (!frame.IsEvent)
                {
                    // A resync moves the client to its position, and every event queued after it is newer.
                    if (frame.Id is not null)
                        skipThrough = null;
                }
                else if (skipThrough is not null)
                {
                    if (feed.Compare(frame.Id!, skipThrough) <= 0)
                        continue;
                    skipThrough = null;
                }
                body.Write(frame.Bytes);
                wrote = true;
                lastSent = frame.Id ?? lastSent;
                if (frame.IsEvent)
                {
                    written++;
                    if (frame.OccurredAt is { } occurredAt)
                        metrics.EventWritten(occurredAt);
                }
            }
            if (ticked)
            {
                // Between frames, whether the stream is idle or busy, so no lost event keeps it open.
                if (!await account.StillActiveAsync(ct))
                {
                    body.Write(ControlFrames.AccountDeactivated);
                    await body.FlushAsync(ct);
                    metrics.EventsDelivered(written);
                    return;
                }
                var silent = !wroteSinceTick && !wrote;
                wroteSinceTick = false;
                // The hub's position first, then the queue: the hub queues an event before it moves past it, so an
                // empty queue after that read means everything up to that position was written.
                if (silent)
                {
                    var position = hub.Position;
                    if (events.Count == 0)
                    {
                        if (feed.Compare(position, lastSent) > 0)
                            lastSent = position;
                        body.Write(ControlFrames.Heartbeat(lastSent, DateTimeOffset.UtcNow));
                        wrote = true;
                    }
                }
            }
            if (!wrote)
                continue;
            // Counted once flushed: an event still in a buffer when the client went away was not delivered.
            await body.FlushAsync(ct);
            wroteSinceTick = true;
            metrics.EventsDelivered(written);
        }
        // Completed by the stream's own end rather than by the hub: the stream ends as cancelled, as it always has.
        ct.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live-update stream of {UserId} cut off: it fell behind")]
    private static partial void LogCutOff(ILogger logger, Guid userId);
}
