namespace TaskManager.Application.Contract;

/// <summary>
/// Events about the directory (people, and later repositories) rather than about a task. They ride the outbox and the
/// <see cref="TaskEvents.NotificationsStream"/> like task events, so every instance hears of a change in commit order,
/// but they have no per-user or per-repository stream: no live-update client or <c>wait_for_changes</c> receives them.
/// Each instance hands them to its directory listeners (caches, open streams).
/// </summary>
public static class DirectoryEvents
{
    /// <summary>
    /// A user was deactivated or reactivated, or their email or name changed. The event's data is the user as
    /// <c>GET /api/users</c> writes them, after the change.
    /// </summary>
    public const string UserChanged = "user_changed";

    /// <summary>
    /// An API key was revoked. The event's data is <c>{"id", "user_id"}</c> of the key; instances that remember the key
    /// from an earlier call forget it.
    /// </summary>
    public const string ApiKeyRevoked = "api_key_revoked";

    public static bool IsDirectoryEvent(string eventType) => eventType is UserChanged or ApiKeyRevoked;
}
