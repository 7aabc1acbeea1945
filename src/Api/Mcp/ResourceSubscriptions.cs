using ModelContextProtocol.Server;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Contract;
using TaskManager.Application.Tasks;

namespace TaskManager.Api.Mcp;

/// <summary>
/// The MCP sessions this process holds and the resources each subscribed to, for whom (<c>tasks://mine</c> means the
/// session owner's tasks). Sessions are keyed by their <c>Mcp-Session-Id</c>: a request handler sees a per-request view
/// of the server, while notifications must go through the session's own server, which <see cref="McpSetup"/> registers
/// when the SDK starts the session and forgets, subscriptions included, when the SDK ends it (DELETE, idle timeout,
/// shutdown).
/// </summary>
public sealed class ResourceSubscriptions
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, McpServer> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Subscriber> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Sessions open on this process.</summary>
    public int SessionCount
    {
        get
        {
            lock (_gate)
                return _sessions.Count;
        }
    }

    /// <summary>Sessions holding at least one subscription.</summary>
    public int SubscribedSessionCount
    {
        get
        {
            lock (_gate)
                return _subscribers.Count;
        }
    }

    public void Open(string sessionId, McpServer session)
    {
        lock (_gate)
            _sessions[sessionId] = session;
    }

    public void Close(string sessionId)
    {
        lock (_gate)
        {
            _sessions.Remove(sessionId);
            _subscribers.Remove(sessionId);
        }
    }

    /// <param name="uri">A URI the resource catalogue accepted; notifications name it as the client wrote it.</param>
    /// <param name="visibility">What the subscribing credential may see; the session's latest subscription sets it.</param>
    /// <returns>False when the session is not open here (it ended while the request ran).</returns>
    public bool Add(string sessionId, Guid owner, EventVisibility visibility, string uri)
    {
        lock (_gate)
        {
            if (!_sessions.ContainsKey(sessionId))
                return false;
            if (!_subscribers.TryGetValue(sessionId, out var subscriber))
                _subscribers[sessionId] = subscriber = new Subscriber(owner);
            subscriber.Visibility = visibility;
            subscriber.Uris.Add(uri);
            return true;
        }
    }

    public void Remove(string sessionId, string uri)
    {
        lock (_gate)
        {
            if (_subscribers.TryGetValue(sessionId, out var subscriber) && subscriber.Uris.Remove(uri) && subscriber.Uris.Count == 0)
                _subscribers.Remove(sessionId);
        }
    }

    /// <summary>
    /// The subscribed URIs an event changes, with the session to tell: <c>task://{id}</c> of its task, and
    /// <c>tasks://mine</c> of the task's assignee and of the one it has just left (the lease holder is always the assignee);
    /// none of a task the session's key may not see.
    /// </summary>
    public IReadOnlyList<(McpServer Session, string Uri)> Concerned(PublishedTaskEvent change)
    {
        var taskId = Guid.TryParse(change.TaskId, out var id) ? id : (Guid?)null;
        var concerned = new List<(McpServer, string)>();
        lock (_gate)
        {
            foreach (var (sessionId, subscriber) in _subscribers)
            {
                if (!subscriber.Visibility.Admits(change))
                    continue;
                var mine = subscriber.Owner == change.AssigneeId || subscriber.Owner == change.PreviousAssigneeId;
                foreach (var uri in subscriber.Uris)
                {
                    if ((mine && ResourceUris.IsMine(uri)) || (taskId is not null && ResourceUris.TaskId(uri) == taskId))
                        concerned.Add((_sessions[sessionId], uri));
                }
            }
        }
        return concerned;
    }

    private sealed class Subscriber(Guid owner)
    {
        public Guid Owner { get; } = owner;

        public EventVisibility Visibility { get; set; } = EventVisibility.Everything;

        /// <summary>Compared as written: a notification names the URI exactly as the client subscribed to it.</summary>
        public HashSet<string> Uris { get; } = new(StringComparer.Ordinal);
    }
}
