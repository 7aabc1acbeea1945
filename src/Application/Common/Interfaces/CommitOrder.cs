using Microsoft.EntityFrameworkCore;

namespace TaskManager.Application.Common.Interfaces;

/// <summary>Commit-ordered reads of tasks (docs/adr/0005-commit-ordered-sync.md), usable inside a LINQ query.</summary>
public static class CommitOrder
{
    /// <summary>
    /// <see cref="SyncBounds.Horizon"/> of the statement's own snapshot: a query that returns only tasks whose
    /// <c>ChangeSeq</c> is below it never returns a change that an earlier, still uncommitted one could land behind.
    /// Translated to SQL by the persistence layer; there is nothing to run in memory.
    /// </summary>
    [DbFunction]
    public static long Horizon() => throw new InvalidOperationException("CommitOrder.Horizon() only runs inside a database query.");
}
