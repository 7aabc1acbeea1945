using Mediator;

namespace TaskManager.Application.Tasks.Queries.GetTaskChanges;

/// <summary>Every task changed or deleted after a sync token, in commit order (docs/adr/0005-commit-ordered-sync.md).</summary>
/// <param name="SinceChange">The <c>next_sync_token</c> of the previous answer, or "0" to start from scratch.</param>
public sealed record GetTaskChangesQuery(string SinceChange, int? Limit = null) : IQuery<TaskChangePage>
{
    /// <summary>The argument's name on the wire (REST and MCP), which errors name.</summary>
    public const string Field = "since_change";
}
