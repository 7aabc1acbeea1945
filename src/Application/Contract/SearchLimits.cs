namespace TaskManager.Application.Contract;

/// <summary>
/// How much one page of a task search (<c>q</c>, newest first) may examine (docs/contract.md, "Task search"). Together
/// they bound a page's cost whatever the data: a word common among old tasks and absent from the newest ones once cost
/// a filtered walk through every newer task (14 s at p99 over 650k tasks, docs/benchmarks.md).
/// </summary>
public static class SearchLimits
{
    /// <summary>The newest tasks after the cursor (matching the other filters) read in order and tested for the text first.</summary>
    public const int FirstWalkedTasks = 500;

    /// <summary>How far the walk goes on when the first one found the text but not enough of it to fill the page.</summary>
    public const int WalkedTasks = 2_000;

    /// <summary>
    /// Matches older than the walk that the trigram index may hand over unordered. Fewer than this are all of them, so
    /// the page takes the newest; this many or more and the page ends where the walk ended, with a cursor to go on.
    /// </summary>
    public const int IndexedMatches = 1_000;
}
