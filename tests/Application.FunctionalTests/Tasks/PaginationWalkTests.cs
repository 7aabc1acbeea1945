using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Application.Tasks.Queries.GetTasks;
using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.FunctionalTests.Tasks;

/// <summary>
/// Walking every page while other requests change tasks: the default order (created_at) returns each task exactly
/// once; updated_at may repeat a task that moved behind the cursor but never skips one.
/// </summary>
public sealed class PaginationWalkTests : FunctionalTestBase
{
    private const int TaskCount = 250;
    private const int PageSize = 20;

    [Test]
    public async Task WalkByCreatedAt_WhileTasksChange_ReturnsEveryTaskExactlyOnce()
    {
        var ids = await SeedAsync();

        var (seen, updates) = await WalkWhileUpdatingAsync(ids, sort: null);

        Assert.Multiple(() =>
        {
            Assert.That(updates, Is.GreaterThan(0), "Tasks must change during the walk for the test to mean anything.");
            Assert.That(seen, Has.Count.EqualTo(TaskCount), "No task is repeated.");
            Assert.That(seen, Is.EquivalentTo(ids), "No task is skipped.");
        });
    }

    [Test]
    public async Task WalkByUpdatedAt_WhileTasksChange_SkipsNoTask()
    {
        var ids = await SeedAsync();

        var (seen, updates) = await WalkWhileUpdatingAsync(ids, sort: GetTasksQuery.ByUpdated);

        Assert.Multiple(() =>
        {
            Assert.That(updates, Is.GreaterThan(0));
            Assert.That(ids.Except(seen), Is.Empty, "No task is skipped.");
            Assert.That(seen.Except(ids), Is.Empty);
        });
    }

    [Test]
    public async Task WalkByCreatedAt_IsNewestFirst_WithTiesBrokenById()
    {
        await SeedAsync();

        var items = new List<TaskDto>();
        string? cursor = null;
        do
        {
            var page = await SendAsync(new GetTasksQuery(Limit: 7, Cursor: cursor));
            Assert.That(page.Items, Has.Count.LessThanOrEqualTo(7));
            items.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var expected = items.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id.ToString("N"), StringComparer.Ordinal).Select(t => t.Id);
        Assert.Multiple(() =>
        {
            Assert.That(items.Select(t => t.Id), Is.EqualTo(expected));
            Assert.That(items, Has.Count.EqualTo(TaskCount));
        });
    }

    [Test]
    public async Task LastPage_HasNoNextCursor_AndAnExactlyFullPageDoesNotInventOne()
    {
        for (var i = 0; i < 4; i++)
            await CreateTaskAsync($"task {i}");

        var first = await SendAsync(new GetTasksQuery(Limit: 2));
        var second = await SendAsync(new GetTasksQuery(Limit: 2, Cursor: first.NextCursor));
        var all = await SendAsync(new GetTasksQuery(Limit: 4));

        Assert.Multiple(() =>
        {
            Assert.That(first.NextCursor, Is.Not.Null);
            Assert.That(second.Items, Has.Count.EqualTo(2));
            Assert.That(second.NextCursor, Is.Null);
            Assert.That(all.NextCursor, Is.Null);
        });
    }

    /// <summary>
    /// Inserts the tasks in one save, several to a created_at instant so that the id tie-breaker is exercised.
    /// </summary>
    private async Task<HashSet<Guid>> SeedAsync()
    {
        var actor = new Actor(Max.Id, Max.Email);
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        start = new DateTimeOffset(start.UtcTicks - (start.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var tasks = Enumerable.Range(0, TaskCount)
            .Select(i => TaskItem.Create($"Task {i:D3}", null, TaskItemStatus.NotStarted, TaskPriority.Medium, TaskComplexity.Medium,
                null, null, actor, start.AddSeconds(i / 4)))
            .ToList();
        await WithDbAsync(db =>
        {
            db.Tasks.AddRange(tasks);
            return db.SaveChangesAsync();
        });
        return [.. tasks.Select(t => t.Id)];
    }

    /// <summary>
    /// Walks every page while a second client keeps changing random tasks, and waits between pages until that client
    /// has landed further changes, so changes certainly happen mid-walk whatever the scheduling.
    /// </summary>
    private async Task<(List<Guid> Seen, int Updates)> WalkWhileUpdatingAsync(IReadOnlyCollection<Guid> ids, string? sort)
    {
        var pool = ids.ToArray();
        var updates = 0;
        using var walkDone = new CancellationTokenSource();

        var updater = Task.Run(async () =>
        {
            var random = new Random(12345);
            while (!walkDone.IsCancellationRequested)
            {
                await UpdateAsync(pool[random.Next(pool.Length)], random);
                Interlocked.Increment(ref updates);
            }
        });

        var seen = new List<Guid>();
        string? cursor = null;
        try
        {
            do
            {
                var page = await SendAsync(new GetTasksQuery(Limit: PageSize, Cursor: cursor, Sort: sort));
                seen.AddRange(page.Items.Select(t => t.Id));
                cursor = page.NextCursor;
                await WaitForMoreUpdatesAsync(() => Volatile.Read(ref updates), updater);
            }
            while (cursor is not null);
        }
        finally
        {
            await walkDone.CancelAsync();
        }
        await updater;
        return (seen, updates);
    }

    private static async Task WaitForMoreUpdatesAsync(Func<int> updates, Task updater, int more = 2)
    {
        var target = updates() + more;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (updates() < target)
        {
            if (updater.IsCompleted)
                await updater; // surfaces the updater's failure
            await Task.Delay(5, timeout.Token);
        }
    }

    private Task UpdateAsync(Guid id, Random random) =>
        random.Next(2) == 0
            ? SendAsync(new ChangeTaskStatusCommand(id, TaskEnums.Status.Allowed[random.Next(TaskEnums.Status.Allowed.Count)], null))
            : SendAsync(new UpdateTaskCommand(id, Title: $"Changed {random.Next()}"));
}
