using System.Globalization;
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
        ISender sender,
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

        var filter = await sender.Send(new ResolveEventFilterQuery(userId, repositories), http.RequestAborted);
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
            await WriteAsync(response, Encoding.UTF8.GetBytes(
                string.Create(CultureInfo.InvariantCulture, $"retry: {settings.RetryMilliseconds}\n: subscribed\n\n")), stop.Token);
            await response.Body.FlushAsync(stop.Token);

            var lastSent = lastEventId is null ? subscription.StartPosition : await ReplayAsync(response, feed, subscription, lastEventId, metrics, stop.Token);
            var heartbeat = TimeSpan.FromSeconds(settings.HeartbeatSeconds);
            await RelayLiveAsync(response, feed, hub, subscription, lastSent, heartbeat, new AccountCheck(users, actor.UserId, heartbeat), metrics, stop.Token);
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
    /// Sends the matching events after <paramref name="lastEventId"/> up to where the live queue starts, or a resync
    /// if the log cannot serve exactly what followed that position. Returns the id the client now stands at: live
    /// events up to it are not sent again.
    /// </summary>
    private static async Task<string> ReplayAsync(HttpResponse response, ITaskEventFeed feed, EventSubscription subscription, string lastEventId,
        TaskManagerMetrics metrics, CancellationToken ct)
    {
        var cursor = lastEventId;
        // At least one read, even for a client ahead of this instance's reader (it saw newer events through another
        // instance): the read is what checks that the position is still in the log.
        do
        {
            var page = await feed.ReadAfterAsync(cursor, EventStreamHub.ReadBatch, ct);
            if (page.PositionLost)
            {
                await WriteAsync(response, ControlFrames.Resync(subscription.StartPosition), ct);
                await response.Body.FlushAsync(ct);
                return subscription.StartPosition;
            }
            var written = 0;
            foreach (var published in page.Events)
            {
                if (feed.Compare(published.StreamId, subscription.StartPosition) > 0)
                    break;
                var liveEvent = new LiveEvent(published);
                if (subscription.Filter.Match(liveEvent) is not { } type)
                    continue;
                await WriteAsync(response, liveEvent.Frame(type), ct);
                written++;
            }
            await response.Body.FlushAsync(ct);
            metrics.EventsDelivered(written);
            if (page.Events.Count < EventStreamHub.ReadBatch)
                break;
            cursor = page.Events[^1].StreamId;
        }
        while (feed.Compare(cursor, subscription.StartPosition) < 0);
        return lastEventId;
    }

    private static async Task RelayLiveAsync(HttpResponse response, ITaskEventFeed feed, EventStreamHub hub, EventSubscription subscription,
        string lastSent, TimeSpan heartbeat, AccountCheck account, TaskManagerMetrics metrics, CancellationToken ct)
    {
        var events = subscription.Events;
        while (true)
        {
            // Checked between frames, whether the stream is idle or busy, so no lost event keeps it open.
            if (!await account.StillActiveAsync(ct))
            {
                await WriteAsync(response, ControlFrames.AccountDeactivated, ct);
                await response.Body.FlushAsync(ct);
                return;
            }
            using (var idle = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                idle.CancelAfter(heartbeat);
                try
                {
                    if (!await events.WaitToReadAsync(idle.Token))
                        return; // Completed: server shutdown, or the caller was deactivated.
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // The hub's position first, then the queue: the hub queues an event before it moves past it, so an
                    // empty queue after that read means everything up to that position was written.
                    var position = hub.Position;
                    if (events.Count > 0)
                        continue;
                    if (feed.Compare(position, lastSent) > 0)
                        lastSent = position;
                    await WriteAsync(response, ControlFrames.Heartbeat(lastSent, DateTimeOffset.UtcNow), ct);
                    await response.Body.FlushAsync(ct);
                    continue;
                }
            }
            var written = 0;
            while (events.TryRead(out var frame))
            {
                if (frame is { IsControl: false, Id: { } id } && feed.Compare(id, lastSent) <= 0)
                    continue;
                await WriteAsync(response, frame.Bytes, ct);
                lastSent = frame.Id ?? lastSent;
                if (!frame.IsControl)
                    written++;
            }
            // Counted once flushed: an event still in a buffer when the client went away was not delivered.
            await response.Body.FlushAsync(ct);
            metrics.EventsDelivered(written);
        }
    }

    private static ValueTask WriteAsync(HttpResponse response, byte[] bytes, CancellationToken ct) => response.Body.WriteAsync(bytes, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Live-update stream of {UserId} cut off: it fell behind")]
    private static partial void LogCutOff(ILogger logger, Guid userId);
}
