using Mediator;

namespace TaskManager.Application.Tasks.Queries.ResolveEventFilter;

/// <summary>
/// Turns the live-update filters a client gave (a user as UUID, email or "me", and a comma list of repository
/// names) into the ids and canonical names events carry. A null user means the caller.
/// </summary>
public sealed record ResolveEventFilterQuery(string? UserId, string? Repositories) : IQuery<EventFilter>;
