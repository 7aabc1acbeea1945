using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using TaskManager.Api.Realtime;

namespace TaskManager.Api.Mcp;

/// <summary>
/// Sends <c>notifications/resources/updated</c> to the sessions whose subscribed resources an event changed. It reads
/// the process's event hub, which every instance fills from Redis, so a change made through any instance reaches the
/// sessions held here.
/// </summary>
public sealed partial class ResourceUpdateNotifier(EventStreamHub hub, ResourceSubscriptions subscriptions, ILogger<ResourceUpdateNotifier> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var liveEvent in hub.WatchAllAsync(stoppingToken))
            {
                // Not awaited: a session whose client reads slowly must not hold up the others' notifications.
                foreach (var (session, uri) in subscriptions.Concerned(liveEvent.Published))
                    _ = NotifyAsync(session, uri, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task NotifyAsync(McpServer session, string uri, CancellationToken ct)
    {
        try
        {
            await session.SendNotificationAsync(NotificationMethods.ResourceUpdatedNotification, new ResourceUpdatedNotificationParams { Uri = uri },
                McpJsonUtilities.DefaultOptions, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The session ended between the match and the send; its subscriptions go with it.
            LogNotifyFailed(ex, uri);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not notify a session that {Uri} changed")]
    private partial void LogNotifyFailed(Exception exception, string uri);
}
