using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks.Queries.GetTasks;
using TaskManager.Infrastructure.Tasks;

namespace TaskManager.Application.FunctionalTests.Tasks;

/// <summary>
/// <see cref="SearchIndexMerge"/> moves the trigram entries task writes leave pending into the search indexes, so no
/// request merges a full pending list itself; search finds the tasks the same before and after.
/// </summary>
public sealed class SearchIndexMergeTests : FunctionalTestBase
{
    [Test]
    public async Task Merge_EmptiesThePendingEntriesOfTheWrites_AndSearchStillFindsTheirTasks()
    {
        await InsertTasksAsync(200, "zephyr sighting");
        var merge = ActivatorUtilities.CreateInstance<SearchIndexMerge>(Services);
        var before = await SendAsync(new GetTasksQuery(Search: "zephyr", Limit: 200));

        var merged = await merge.MergeAsync(CancellationToken.None);
        var leftOver = await merge.MergeAsync(CancellationToken.None);
        var after = await SendAsync(new GetTasksQuery(Search: "zephyr", Limit: 200));

        Assert.Multiple(() =>
        {
            Assert.That(merged, Is.GreaterThan(0), "200 new tasks leave their trigrams pending, and the merge takes those pages.");
            Assert.That(leftOver, Is.Zero, "One merge leaves nothing pending for the next.");
            Assert.That(before.Items, Has.Count.EqualTo(200));
            Assert.That(after.Items.Select(t => t.Id), Is.EqualTo(before.Items.Select(t => t.Id)));
        });
    }

    /// <summary>Inserts <paramref name="count"/> tasks titled "<paramref name="text"/> n" with descriptions of 300 characters.</summary>
    private static async Task InsertTasksAsync(int count, string text)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO tasks (title, description, status, created_by, updated_by)
            SELECT $1 || ' ' || n, repeat(md5(n::text), 10) || ' written for the merge', 'not_started', 'test', 'test'
            FROM generate_series(1, $2) AS n
            """, connection)
        {
            Parameters = { new() { Value = text }, new() { Value = count } },
        };
        await command.ExecuteNonQueryAsync();
    }
}
