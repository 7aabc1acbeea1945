using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.AddComment;
using TaskManager.Application.Tasks.Commands.DeleteTask;
using TaskManager.Application.Tasks.Queries.GetTaskChanges;
using TaskManager.Application.Tasks.Queries.GetTasks;
using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;
using TaskManager.Infrastructure.Persistence;
using TaskManager.Infrastructure.Tasks;

namespace TaskManager.Application.FunctionalTests.Sync;

/// <summary>
/// Sync in commit order (docs/adr/0005-commit-ordered-sync.md): writers whose clocks disagree by minutes and a transaction
/// that commits late never make a sync walker skip a change; deletions reach it as tombstones until they are purged.
/// </summary>
public sealed class CommitOrderedSyncTests : FunctionalTestBase
{
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(10);

    /// <summary>Generous: the machine is shared; the walker only needs to catch up eventually.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Test]
    public async Task Walker_WithSkewedWritersAndALateCommit_SeesEveryChange()
    {
        var early = await CreateTaskAsync("changed by the fast clock, committed late");
        var behind = await CreateTaskAsync("changed by the slow clock, committed first");
        var walker = new SyncWalker(this);
        await walker.CatchUpAsync();

        // The fast writer changes its task and holds the transaction open...
        await using var fast = await SkewedWriter.BeginAsync(early.Id, Skew, Max);
        fast.Task.ChangeStatus(TaskItemStatus.InProgress, fast.Actor, null, fast.Now);
        await fast.SaveAsync();
        // ...while the slow writer, ten minutes behind, changes another task and commits.
        await using (var slow = await SkewedWriter.BeginAsync(behind.Id, -Skew, Max))
        {
            slow.Task.ChangeStatus(TaskItemStatus.Blocked, slow.Actor, null, slow.Now);
            await slow.SaveAsync();
            await slow.CommitAsync();
        }

        // The committed change sits behind the open one in commit order: handing it out now would let the walker's token
        // pass the open one, so it waits.
        var whileOpen = await walker.PollAsync();
        await fast.CommitAsync();
        await walker.CatchUpAsync(until: () => walker.Seen(early.Id)?.Status == "in_progress" && walker.Seen(behind.Id)?.Status == "blocked");

        Assert.Multiple(() =>
        {
            Assert.That(whileOpen.Items, Is.Empty, "Nothing passes a transaction that is still open.");
            Assert.That(walker.Seen(behind.Id)!.UpdatedAt, Is.LessThan(walker.Seen(early.Id)!.UpdatedAt - Skew),
                "The slow clock stamped its change far in the past: an updated_at walker would have skipped it.");
        });
    }

    [Test]
    public async Task Walker_DuringConcurrentSkewedWriters_EndsWithEveryTaskAsCommitted()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
            ids.Add((await CreateTaskAsync($"task {i}")).Id);
        var walker = new SyncWalker(this);
        using var stop = new CancellationTokenSource();
        var walking = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await walker.PollAsync(limit: 5);
        });

        // Eight writers, clocks from 20 minutes behind to 15 ahead, each holding its transaction open while others commit.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var round = 0; round < 6; round++)
            {
                var id = ids[(w * 7 + round * 5) % ids.Count];
                try
                {
                    await using var writer = await SkewedWriter.BeginAsync(id, TimeSpan.FromMinutes(w * 5 - 20), Max);
                    writer.Task.Edit($"writer {w} round {round}", null, null, null, writer.Actor, writer.Now);
                    await writer.SaveAsync();
                    await Task.Delay(5 * (w % 3));
                    await writer.CommitAsync();
                }
                catch (ConflictException)
                {
                    // Two writers edited the same version; the loser's change never committed, so there is nothing to see.
                }
            }
        })).ToList();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await walking;

        var committed = await WithDbAsync(db => db.Tasks.AsNoTracking().Select(TaskDtoProjection.Expression).ToListAsync());
        await walker.CatchUpAsync(until: () => committed.All(t => walker.Seen(t.Id)?.Version == t.Version));

        Assert.That(committed.Select(t => (t.Id, t.Title, t.Version)),
            Is.EquivalentTo(ids.Select(id => (id, walker.Seen(id)!.Title, walker.Seen(id)!.Version))));
    }

    [Test]
    public async Task DeletedTask_ReachesTheWalkerAsATombstone()
    {
        var task = await CreateTaskAsync();
        var walker = new SyncWalker(this);
        await walker.CatchUpAsync();

        await SendAsync(new DeleteTaskCommand(task.Id, null));
        await walker.CatchUpAsync(until: () => walker.Deleted.Contains(task.Id));

        var tombstone = walker.Changes.Last(c => c.Id == task.Id);
        Assert.Multiple(() =>
        {
            Assert.That(tombstone.Deleted, Is.True);
            Assert.That(tombstone.Task, Is.Null);
            Assert.That(tombstone.ChangeSeq, Is.GreaterThan(walker.Changes.First(c => c.Id == task.Id).ChangeSeq));
        });
    }

    [Test]
    public async Task TokenFromBeforeAPurgedTombstone_IsRefused_AndAFreshSyncWorks()
    {
        var kept = await CreateTaskAsync("kept");
        var doomed = await CreateTaskAsync("deleted long ago");
        await SendAsync(new AddCommentCommand(doomed.Id, "a comment that goes with it"));
        var stale = new SyncWalker(this);
        await stale.CatchUpAsync();
        await SendAsync(new DeleteTaskCommand(doomed.Id, null));
        await ExecuteAsync("UPDATE tasks SET deleted_at = now() - interval '31 days' WHERE id = @id", doomed.Id);

        var purged = await PurgeAsync();

        var refused = Assert.ThrowsAsync<ResyncRequiredException>(() => stale.PollAsync());
        var fresh = new SyncWalker(this);
        await fresh.CatchUpAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(purged, Is.EqualTo(1));
            Assert.That(refused!.Message, Does.Contain("since_change=0"));
            Assert.That(fresh.Changes.Select(c => c.Id), Is.EquivalentTo(new[] { kept.Id }), "A fresh sync has nothing of the purged task.");
            Assert.That(await CountAsync(db => db.TaskComments.Where(c => c.TaskId == doomed.Id)), Is.Zero);
            Assert.That(await CountAsync(db => db.TaskHistory.Where(h => h.TaskId == doomed.Id)), Is.Zero);
        });
        Assert.DoesNotThrowAsync(() => fresh.PollAsync(), "A token from after the purge still works.");
    }

    [Test]
    public async Task Purge_KeepsTombstonesWithinTheRetention()
    {
        var task = await CreateTaskAsync();
        var walker = new SyncWalker(this);
        await walker.CatchUpAsync();
        await SendAsync(new DeleteTaskCommand(task.Id, null));

        Assert.That(await PurgeAsync(), Is.Zero);
        await walker.CatchUpAsync(until: () => walker.Deleted.Contains(task.Id));
    }

    [TestCase("not-a-token")]
    [TestCase("czF8MTJ8eno")]
    public void MalformedToken_IsAValidationErrorNamingTheFix(string token)
    {
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new GetTaskChangesQuery(token)));

        Assert.That(error!.Errors["since_change"].Single(), Does.Contain("next_sync_token").And.Contain("0 to start"));
    }

    [Test]
    public async Task AnyWrite_EvenRawSql_MovesTheTaskForwardInCommitOrder()
    {
        var task = await CreateTaskAsync();
        var before = await ChangeSeqAsync(task.Id);

        await ExecuteAsync("UPDATE tasks SET title = 'changed by a DBA', change_seq = 1 WHERE id = @id", task.Id);

        Assert.That(await ChangeSeqAsync(task.Id), Is.GreaterThan(before), "The trigger stamps change_seq whatever the statement says.");
    }

    [Test]
    public async Task WalkByUpdatedAt_SeesAChangeStampedByASlowClock_AfterTheCursorPassedIt()
    {
        var first = await CreateTaskAsync("first");
        await CreateTaskAsync("second");
        await CreateTaskAsync("third");
        var page = await SendAsync(new GetTasksQuery(Sort: GetTasksQuery.ByUpdated, Limit: 2));
        Assert.That(page.Items.Select(t => t.Id), Does.Contain(first.Id));

        await using (var slow = await SkewedWriter.BeginAsync(first.Id, -Skew, Max))
        {
            slow.Task.ChangeStatus(TaskItemStatus.Blocked, slow.Actor, null, slow.Now);
            await slow.SaveAsync();
            await slow.CommitAsync();
        }
        var rest = await SendAsync(new GetTasksQuery(Sort: GetTasksQuery.ByUpdated, Limit: 2, Cursor: page.NextCursor));

        Assert.That(rest.Items.Select(t => (t.Title, t.Status)), Is.EqualTo(new[] { ("third", "not_started"), ("first", "blocked") }));
    }

    private static async Task<int> PurgeAsync() =>
        await new TombstonePurge(Services.GetRequiredService<NpgsqlDataSource>(), Options.Create(new TombstoneOptions()),
            TimeProvider.System, NullLogger<TombstonePurge>.Instance).PurgeExpiredAsync(CancellationToken.None);

    private static async Task ExecuteAsync(string sql, Guid id)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    private Task<long> ChangeSeqAsync(Guid id) =>
        WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.Id == id).Select(t => t.ChangeSeq).SingleAsync());

    /// <summary>A sync client: keeps its token and the latest copy of every task it was handed.</summary>
    private sealed class SyncWalker(CommitOrderedSyncTests test)
    {
        private readonly Dictionary<Guid, TaskDto> _tasks = [];
        private string _token = "0";

        public List<TaskChangeDto> Changes { get; } = [];

        public HashSet<Guid> Deleted { get; } = [];

        public TaskDto? Seen(Guid id) => _tasks.GetValueOrDefault(id);

        public async Task<TaskChangePage> PollAsync(int? limit = null)
        {
            var page = await test.SendAsync(new GetTaskChangesQuery(_token, limit));
            foreach (var change in page.Items)
            {
                Changes.Add(change);
                if (change.Task is { } task)
                    _tasks[change.Id] = task;
                else
                    Deleted.Add(change.Id);
            }
            _token = page.NextSyncToken;
            return page;
        }

        /// <summary>Polls until a page says it is caught up and <paramref name="until"/> holds, or fails at the deadline.</summary>
        public async Task CatchUpAsync(Func<bool>? until = null)
        {
            var deadline = DateTime.UtcNow + Deadline;
            while (true)
            {
                var page = await PollAsync();
                if (!page.HasMore && (until?.Invoke() ?? true))
                    return;
                if (DateTime.UtcNow > deadline)
                    Assert.Fail("The sync walker did not catch up before the deadline.");
                if (!page.HasMore)
                    await Task.Delay(50);
            }
        }
    }

    /// <summary>A writer on its own connection whose clock is off by <c>skew</c>, committing only when told to.</summary>
    private sealed class SkewedWriter : IAsyncDisposable
    {
        private readonly AsyncServiceScope _scope;
        private readonly ApplicationDbContext _db;
        private readonly IDbContextTransaction _transaction;

        private SkewedWriter(AsyncServiceScope scope, ApplicationDbContext db, IDbContextTransaction transaction,
            TaskItem task, DateTimeOffset now, Actor actor)
        {
            (_scope, _db, _transaction, Task, Now, Actor) = (scope, db, transaction, task, now, actor);
        }

        public TaskItem Task { get; }

        public DateTimeOffset Now { get; }

        public Actor Actor { get; }

        public static async Task<SkewedWriter> BeginAsync(Guid taskId, TimeSpan skew, User user)
        {
            var scope = Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var transaction = await db.Database.BeginTransactionAsync();
            var task = await db.Tasks.SingleAsync(t => t.Id == taskId);
            var now = DateTimeOffset.FromUnixTimeMilliseconds((DateTimeOffset.UtcNow + skew).ToUnixTimeMilliseconds());
            return new SkewedWriter(scope, db, transaction, task, now, new Actor(user.Id, user.Email));
        }

        public Task SaveAsync() => _db.SaveChangesAsync(CancellationToken.None);

        public Task CommitAsync() => _transaction.CommitAsync();

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _scope.DisposeAsync();
        }
    }
}
