using Npgsql;
using TaskManager.Application.Common.Pagination;
using TaskManager.Application.Contract;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Queries.GetTasks;

namespace TaskManager.Application.FunctionalTests.Tasks;

/// <summary>
/// A search page examines a bounded number of tasks (<see cref="SearchLimits"/>, docs/contract.md "Task search"); these
/// build data past those bounds and check that following <c>next_cursor</c> still finds every match once, newest first.
/// </summary>
public sealed class TaskSearchBoundTests : FunctionalTestBase
{
    private static readonly DateTimeOffset Old = DateTimeOffset.UtcNow.AddDays(-2);
    private static readonly DateTimeOffset Recent = DateTimeOffset.UtcNow.AddDays(-1);

    [Test]
    public async Task CommonWordAbsentFromTheNewestTasks_IsFoundInFullAcrossPages()
    {
        var matches = await InsertTasksAsync(SearchLimits.IndexedMatches + 200, "warm the cache", Old);
        await InsertTasksAsync(SearchLimits.WalkedTasks + 300, "plain work", Recent);

        var pages = await AllPagesAsync(new GetTasksQuery(Search: "CACHE", Limit: 50));

        Assert.Multiple(() =>
        {
            Assert.That(pages[0].Items, Is.Empty, "Too many older matches to rank: the first page ends where its walk ended.");
            Assert.That(pages[0].NextCursor, Is.Not.Null, "An empty page that did not examine every task still says where to go on.");
            Assert.That(pages.SelectMany(p => p.Items).Select(t => t.Title), Is.EqualTo(matches), "Every match once, newest first.");
        });
    }

    [Test]
    public async Task RareWordBeyondTheWalk_FillsTheFirstPage()
    {
        var matches = await InsertTasksAsync(3, "zephyr sighting", Old);
        await InsertTasksAsync(SearchLimits.WalkedTasks + 100, "plain work", Recent);

        var page = await SendAsync(new GetTasksQuery(Search: "zephyr"));

        Assert.Multiple(() =>
        {
            Assert.That(page.Items.Select(t => t.Title), Is.EqualTo(matches));
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    [Test]
    public async Task AbsentWord_IsOneEmptyLastPage()
    {
        await InsertTasksAsync(SearchLimits.WalkedTasks + 100, "plain work", Recent);

        var page = await SendAsync(new GetTasksQuery(Search: "quixotic"));

        Assert.Multiple(() =>
        {
            Assert.That(page.Items, Is.Empty);
            Assert.That(page.NextCursor, Is.Null);
        });
    }

    /// <summary>Two characters hold no trigram for the index to narrow by, so pages end at each walk's end instead.</summary>
    [Test]
    public async Task ShortTextBeyondTheWalk_IsFoundByFollowingTheCursor()
    {
        var matches = await InsertTasksAsync(2, "zq older", Old);
        await InsertTasksAsync(SearchLimits.WalkedTasks + 100, "plain work", Recent);

        var pages = await AllPagesAsync(new GetTasksQuery(Search: "zq"));

        Assert.Multiple(() =>
        {
            Assert.That(pages[0].Items, Is.Empty);
            Assert.That(pages.SelectMany(p => p.Items).Select(t => t.Title), Is.EqualTo(matches));
        });
    }

    /// <summary>A page made of a match inside the walk and matches beyond it, then pages continuing from an older match.</summary>
    [Test]
    public async Task PagesJoiningTheWalkAndTheIndex_HaveNoGapsOrDuplicates()
    {
        var older = await InsertTasksAsync(5, "zephyr older", Old);
        await InsertTasksAsync(SearchLimits.WalkedTasks + 100, "plain work", Recent);
        var newest = await CreateTaskAsync("zephyr newest");

        var pages = await AllPagesAsync(new GetTasksQuery(Search: "zephyr", Limit: 2));

        Assert.Multiple(() =>
        {
            Assert.That(pages.Select(p => p.Items.Count), Is.EqualTo(new[] { 2, 2, 2 }));
            Assert.That(pages.SelectMany(p => p.Items).Select(t => t.Title), Is.EqualTo(new[] { newest.Title }.Concat(older)));
        });
    }

    [Test]
    public async Task SearchWithOtherFilters_ListsTasksMatchingBoth()
    {
        var matches = await InsertTasksAsync(3, "zephyr blocked", Old, status: "blocked");
        await InsertTasksAsync(SearchLimits.WalkedTasks + 100, "zephyr but not blocked", Recent);

        var page = await SendAsync(new GetTasksQuery(Search: "zephyr", Status: "blocked"));

        Assert.That(page.Items.Select(t => t.Title), Is.EqualTo(matches));
    }

    private async Task<List<Page<TaskDto>>> AllPagesAsync(GetTasksQuery query)
    {
        var pages = new List<Page<TaskDto>> { await SendAsync(query) };
        while (pages[^1].NextCursor is { } cursor)
        {
            Assert.That(pages, Has.Count.LessThan(200), "The pages must come to an end.");
            pages.Add(await SendAsync(query with { Cursor = cursor }));
        }
        return pages;
    }

    /// <summary>
    /// Inserts <paramref name="count"/> tasks by SQL, one millisecond apart from <paramref name="from"/>, titled
    /// "<paramref name="text"/> n"; returns their titles newest first, the order a search lists them in.
    /// </summary>
    private static async Task<List<string>> InsertTasksAsync(int count, string text, DateTimeOffset from, string status = "not_started")
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO tasks (title, description, status, created_by, updated_by, created_at, updated_at)
            SELECT $1 || ' ' || n, 'a task inserted for the search bound', $2, 'test', 'test', $3 + n * interval '1 millisecond', $3
            FROM generate_series(1, $4) AS n
            """, connection)
        {
            Parameters = { new() { Value = text }, new() { Value = status }, new() { Value = from }, new() { Value = count } },
        };
        await command.ExecuteNonQueryAsync();
        return [.. Enumerable.Range(1, count).Reverse().Select(n => $"{text} {n}")];
    }
}
