using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Queries.GetTasks;

/// <summary>
/// A newest-first page of a text search whose cost has a bound whatever the data (docs/contract.md, "Task search").
/// Neither plan PostgreSQL has is bounded alone: walking the newest-first index filters every task until the page
/// fills, so a word common among old tasks and absent from the newest ones filters all the newer tasks first; the
/// trigram indexes find matches in no order, so a common word rechecks and sorts every match. The page takes each
/// where it is cheap:
/// <list type="number">
/// <item>the walk, over the <see cref="SearchLimits.FirstWalkedTasks"/> newest tasks, and over the
/// <see cref="SearchLimits.WalkedTasks"/> newest if the first walk met the text: a common word fills the page here;</item>
/// <item>if it does not and tasks are left, the trigram index over the older tasks, stopped after
/// <see cref="SearchLimits.IndexedMatches"/> matches: fewer are all of them (a rare word), and the page takes the newest;</item>
/// <item>otherwise (or for a text too short to hold a trigram) the page ends where the walk ended, holding what the
/// walk found (perhaps nothing), and its cursor goes on from there.</item>
/// </list>
/// Every cursor is a task's position in the newest-first order with every task before it examined, so following
/// <c>next_cursor</c> sees each match once and misses none.
/// </summary>
public static class TextSearchPage
{
    private const int TrigramLength = 3;

    public static async Task<Page<TaskDto>> ReadAsync(IApplicationDbContext db, IQueryable<TaskItem> candidates, string text, Cursor? cursor, int limit,
        CancellationToken ct)
    {
        // A short walk first: a rare text finds nothing in it and goes on to the index at little cost, while a text met
        // there is common enough that the longer walk is the cheaper way to fill the page.
        var walked = SearchLimits.FirstWalkedTasks;
        var rows = await WalkAsync(candidates, text, cursor, walked, limit, ct);
        if (rows.Count > 0 && rows.Count <= limit)
            rows = await WalkAsync(candidates, text, cursor, walked = SearchLimits.WalkedTasks, limit, ct);
        if (rows.Count > limit)
            return NewestFirstOrder.PageOf(rows, limit);

        // One snapshot from here on, so the matches counted below are the ones loaded.
        await using var snapshot = await db.BeginSnapshotAsync(ct);
        var walkEnd = await NewestFirstOrder.Sorted(NewestFirstOrder.After(candidates, cursor)).Skip(walked - 1)
            .Select(t => new TaskKey(t.CreatedAt, t.Id)).FirstOrDefaultAsync(ct);
        if (walkEnd is null)
            return new Page<TaskDto>(rows, null); // the walk reached the oldest task: every match is on this page

        // A text of one or two characters holds no trigram: the index would hand over every task to recheck.
        if (text.Trim().Length < TrigramLength)
            return new Page<TaskDto>(rows, NewestFirstOrder.CursorAt(walkEnd.CreatedAt, walkEnd.Id));
        var older = await OlderMatchesAsync((DbContext)db, Matching(NewestFirstOrder.After(candidates, walkEnd.CreatedAt, walkEnd.Id), text), ct);
        if (older.Count >= SearchLimits.IndexedMatches)
            return new Page<TaskDto>(rows, NewestFirstOrder.CursorAt(walkEnd.CreatedAt, walkEnd.Id));

        var wanted = older.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(limit + 1 - rows.Count)
            .Select(k => k.Id).ToList();
        rows.AddRange(await NewestFirstOrder.Sorted(candidates.Where(t => wanted.Contains(t.Id))).Select(TaskDtoProjection.Expression).ToListAsync(ct));
        return NewestFirstOrder.PageOf(rows, limit);
    }

    /// <summary>Up to <paramref name="limit"/> + 1 matches among the <paramref name="walked"/> newest tasks after the cursor.</summary>
    private static Task<List<TaskDto>> WalkAsync(IQueryable<TaskItem> candidates, string text, Cursor? cursor, int walked, int limit,
        CancellationToken ct) =>
        NewestFirstOrder.Sorted(Matching(NewestFirstOrder.Sorted(NewestFirstOrder.After(candidates, cursor)).Take(walked), text)).Take(limit + 1)
            .Select(TaskDtoProjection.Expression).ToListAsync(ct);

    /// <summary>
    /// lower(column) LIKE '%…%': the expressions the pg_trgm indexes idx_tasks_title_trgm and idx_tasks_description_trgm
    /// are built on; the text is trimmed and matched as a plain substring, whatever its case. The pattern goes into the
    /// SQL as a literal, not a parameter: PostgreSQL soon swaps a prepared statement's plans for one generic plan, and for
    /// an unknown pattern that plan cannot judge a word rare.
    /// </summary>
    public static IQueryable<TaskItem> Matching(IQueryable<TaskItem> tasks, string text)
    {
        var pattern = ContainsPattern.For(text.Trim().ToLowerInvariant());
        return tasks.Where(t => EF.Functions.Like(t.Title.ToLower(), EF.Constant(pattern), ContainsPattern.Escape)
            || EF.Functions.Like(t.Description!.ToLower(), EF.Constant(pattern), ContainsPattern.Escape));
    }

    /// <summary>
    /// The keys of up to <see cref="SearchLimits.IndexedMatches"/> matches, in no order, through the trigram indexes'
    /// bitmap plan. The plan is forced for this statement only (inside the caller's transaction): for a common word the
    /// planner would rather walk the newest-first index from the walk's end, the very walk this bounds.
    /// </summary>
    private static async Task<List<TaskKey>> OlderMatchesAsync(DbContext db, IQueryable<TaskItem> matches, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off", ct);
        var keys = await matches.Select(t => new TaskKey(t.CreatedAt, t.Id)).Take(SearchLimits.IndexedMatches).ToListAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_indexscan = DEFAULT; SET LOCAL enable_seqscan = DEFAULT", ct);
        return keys;
    }

    /// <summary>A task's position in the newest-first order.</summary>
    private sealed record TaskKey(DateTimeOffset CreatedAt, Guid Id);
}
