using Mediator;

namespace TaskManager.Application.Tasks.Queries.WaitForChanges;

/// <summary>
/// A long poll on the event log: the caller's task events (and a repository's) after <paramref name="Since"/>, at
/// once if there are any, else the first ones within <paramref name="TimeoutSeconds"/>. Stateless: the position
/// travels with the caller, so any instance can answer the next call.
/// </summary>
/// <param name="Since">An event id a previous answer gave as <see cref="TaskChanges.Next"/>; null starts from now.</param>
/// <param name="Repository">A repository whose events are wanted too (by name).</param>
public sealed record WaitForChangesQuery(string? Since, int TimeoutSeconds = WaitForChangesQuery.DefaultTimeoutSeconds, string? Repository = null)
    : IQuery<TaskChanges>
{
    public const int DefaultTimeoutSeconds = 30;

    /// <summary>Long enough to save an agent many calls, short enough for proxies and client request timeouts.</summary>
    public const int MaxTimeoutSeconds = 60;

    /// <summary>Events in one answer; the rest come at once with the next call.</summary>
    public const int MaxEvents = 100;
}
