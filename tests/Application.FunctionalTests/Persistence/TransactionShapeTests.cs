using System.Diagnostics;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Models;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks;
using TaskManager.Application.Tasks.Commands.AddComment;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.ClaimTask;
using TaskManager.Application.Tasks.Commands.ReleaseTask;
using TaskManager.Application.Tasks.Commands.RenewLease;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.FunctionalTests.Persistence;

/// <summary>What a write sends to PostgreSQL besides its rows, and what a change saved as one statement promises.</summary>
public sealed class TransactionShapeTests : FunctionalTestBase
{
    [Test]
    public async Task Completion_InItsTransaction_SavesWithoutASavepoint()
    {
        var task = await CreateTaskAsync();
        using var savepoints = new EfEventCounter(RelationalEventId.CreatingTransactionSavepoint);
        using var transactions = new EfEventCounter(RelationalEventId.TransactionStarted);

        var changed = await SendAsync(new ChangeTaskStatusCommand(task.Id, "completed", "shipped"));

        Assert.Multiple(() =>
        {
            Assert.That(changed.Status, Is.EqualTo("completed"));
            Assert.That(transactions.Created, Is.EqualTo(1), "Closing a task may unblock others, under the dependency lock.");
            Assert.That(savepoints.Created, Is.Zero, "A failed save ends the request, so a savepoint would only cost two statements.");
        });
    }

    [Test]
    public async Task StatusChange_ThatClosesNothing_SavesWithoutBeginOrCommit()
    {
        var task = await CreateTaskAsync();
        using var transactions = new EfEventCounter(RelationalEventId.TransactionStarted);

        var changed = await SendAsync(new ChangeTaskStatusCommand(task.Id, "blocked", "waiting for review"));

        Assert.Multiple(async () =>
        {
            Assert.That(changed.Status, Is.EqualTo("blocked"));
            Assert.That(transactions.Created, Is.Zero, "The change is one statement, which PostgreSQL runs as its own transaction.");
            Assert.That(await CountAsync(db => db.Tasks.Where(t => t.Id == task.Id && t.Status == TaskItemStatus.Blocked && t.Version == 2)),
                Is.EqualTo(1), "the stored task");
            Assert.That(await CountAsync(db => db.TaskHistory.Where(h => h.TaskId == task.Id && h.FieldChanged == "status")), Is.EqualTo(1), "history");
            Assert.That(await CountAsync(db => db.OutboxMessages.Where(m => m.TaskId == task.Id)), Is.EqualTo(2), "outbox rows");
        });
    }

    [Test]
    public async Task StatusChange_ThatEndsALease_ClearsItInTheSameStatement()
    {
        var task = await CreateTaskAsync("Claimed");
        await SendAsync(new ClaimTaskCommand(task.Id, 600));
        using var transactions = new EfEventCounter(RelationalEventId.TransactionStarted);

        var changed = await SendAsync(new ChangeTaskStatusCommand(task.Id, "blocked", "waiting for a review"));

        var stored = await WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync(t => t.Id == task.Id));
        Assert.Multiple(async () =>
        {
            Assert.That(transactions.Created, Is.Zero);
            Assert.That((stored.Status, stored.LeaseHolderId, stored.LeaseHolder, stored.LeaseExpiresAt, stored.Version),
                Is.EqualTo((TaskItemStatus.Blocked, (Guid?)null, (string?)null, (DateTimeOffset?)null, changed.Version)));
            Assert.That(await CountAsync(db => db.TaskHistory.Where(h => h.TaskId == task.Id && h.FieldChanged == "lease"
                && h.Comment == "Lease ended: the task is blocked.")), Is.EqualTo(1), "the lease's history row");
        });
    }

    /// <summary>Every change to one task that closes nothing: the change, its history and its events in one statement.</summary>
    private static readonly TestCaseData[] OneTaskChanges =
    [
        new TestCaseData(new Func<Guid, ICommand<TaskDto>>(id => new UpdateTaskCommand(id, Title: "Edited", Priority: "urgent")), "title").SetName("Edit"),
        new TestCaseData(new Func<Guid, ICommand<TaskDto>>(id => new UpdateTaskCommand(id, AssigneeId: Optional<string>.Of("me"))), "assignee")
            .SetName("Reassign"),
        new TestCaseData(new Func<Guid, ICommand<TaskDto>>(id => new ClaimTaskCommand(id, 600)), "lease").SetName("Claim"),
    ];

    [TestCaseSource(nameof(OneTaskChanges))]
    public async Task ChangeToOneTask_SavesWithoutBeginOrCommit(Func<Guid, ICommand<TaskDto>> change, string historyField)
    {
        var task = await CreateTaskAsync("Changed once");
        using var transactions = new EfEventCounter(RelationalEventId.TransactionStarted);

        var changed = await SendAsync(change(task.Id));

        Assert.Multiple(async () =>
        {
            Assert.That(transactions.Created, Is.Zero, "The change is one statement, which PostgreSQL runs as its own transaction.");
            Assert.That(await CountAsync(db => db.Tasks.Where(t => t.Id == task.Id && t.Version == changed.Version)), Is.EqualTo(1), "the stored task");
            Assert.That(await CountAsync(db => db.TaskHistory.Where(h => h.TaskId == task.Id && h.FieldChanged == historyField)), Is.GreaterThanOrEqualTo(1),
                "history");
            Assert.That(await CountAsync(db => db.OutboxMessages.Where(m => m.TaskId == task.Id)), Is.EqualTo(2), "outbox rows: created and this change");
        });
    }

    [Test]
    public async Task Comment_RenewAndRelease_SaveWithoutBeginOrCommit()
    {
        var task = await CreateTaskAsync("Worked on");
        await SendAsync(new ClaimTaskCommand(task.Id, 600));
        using var transactions = new EfEventCounter(RelationalEventId.TransactionStarted);

        await SendAsync(new AddCommentCommand(task.Id, "halfway"));
        await SendAsync(new RenewLeaseCommand(task.Id, 900));
        var released = await SendAsync(new ReleaseTaskCommand(task.Id, "handing over"));

        Assert.Multiple(async () =>
        {
            Assert.That(transactions.Created, Is.Zero);
            Assert.That(await CountAsync(db => db.TaskComments.Where(c => c.TaskId == task.Id && c.Comment == "halfway")), Is.EqualTo(1), "the comment");
            Assert.That(await CountAsync(db => db.Tasks.Where(t => t.Id == task.Id && t.LeaseHolderId == null && t.Version == released.Version)),
                Is.EqualTo(1), "released");
            Assert.That(await CountAsync(db => db.OutboxMessages.Where(m => m.TaskId == task.Id)), Is.EqualTo(5),
                "outbox rows: created, claimed, commented, renewed, released");
        });
    }

    [Test]
    public async Task Create_SavesItsRowsWithoutBeginOrCommit()
    {
        using var transactions = new EfEventCounter(RelationalEventId.TransactionStarted);

        var created = await CreateTaskAsync("One round trip");

        Assert.Multiple(async () =>
        {
            Assert.That(transactions.Created, Is.Zero, "The rows go as one statement, which PostgreSQL runs as its own transaction.");
            Assert.That(await CountAsync(db => db.Tasks.Where(t => t.Id == created.Id)), Is.EqualTo(1), "tasks");
            Assert.That(await CountAsync(db => db.OutboxMessages.Where(m => m.TaskId == created.Id)), Is.EqualTo(1), "outbox rows");
        });
    }

    [Test]
    public async Task OneStatement_ThatLostTheRace_WritesNothing_AndIsAConflict()
    {
        var task = await CreateTaskAsync("Raced");

        var save = WithDbAsync(async db =>
        {
            var tracked = await db.Tasks.SingleAsync(t => t.Id == task.Id);
            tracked.ChangeStatus(TaskItemStatus.Blocked, new Actor(Ada.Id, Ada.Email), "mine", DateTimeOffset.UtcNow);
            // Someone else's change lands between this change's read and its save.
            await SendAsync(new ChangeTaskStatusCommand(task.Id, "in_progress", "theirs"));
            await db.SaveInOneStatementAsync(CancellationToken.None);
            return 0;
        });

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await save, Throws.TypeOf<ConflictException>().With.Message.Contains("fetch it again"));
            Assert.That(await CountAsync(db => db.Tasks.Where(t => t.Id == task.Id && t.Status == TaskItemStatus.InProgress && t.Version == 2)),
                Is.EqualTo(1), "their change stands");
            Assert.That(await CountAsync(db => db.TaskHistory.Where(h => h.TaskId == task.Id && h.Comment == "mine")), Is.Zero, "history");
            Assert.That(await CountAsync(db => db.OutboxMessages.Where(m => m.TaskId == task.Id)), Is.EqualTo(2), "outbox rows: created and theirs");
        });
    }

    [Test]
    public async Task OneStatement_InsertsRowsOfOneTableInTheOrderTheyWereAdded()
    {
        var task = await CreateTaskAsync("Three events");
        // Ids that sort against the order of adding: the outbox's sequence must follow the order, not the key.
        string[] added = ["third-by-id", "second-by-id", "first-by-id"];

        await WithDbAsync(async db =>
        {
            for (var i = 0; i < added.Length; i++)
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Id = Guid.Parse($"00000000-0000-0000-0000-00000000000{added.Length - i}"),
                    TaskId = task.Id,
                    EventType = added[i],
                    TaskData = "{}",
                    OccurredAt = DateTimeOffset.UtcNow,
                });
            }
            await db.SaveInOneStatementAsync(CancellationToken.None);
            return 0;
        });

        var types = await WithDbAsync(db => db.OutboxMessages.Where(m => m.TaskId == task.Id && added.Contains(m.EventType))
            .OrderBy(m => m.Sequence).Select(m => m.EventType).ToListAsync());
        Assert.That(types, Is.EqualTo(added));
    }

    [Test]
    public async Task OneStatement_RefusesTwoChangedRows_AndSavesNothing()
    {
        var first = await CreateTaskAsync("First");
        var second = await CreateTaskAsync("Second");

        var save = WithDbAsync(async db =>
        {
            var actor = new Actor(Ada.Id, Ada.Email);
            foreach (var tracked in await db.Tasks.Where(t => t.Id == first.Id || t.Id == second.Id).ToListAsync())
                tracked.ChangeStatus(TaskItemStatus.Blocked, actor, null, DateTimeOffset.UtcNow);
            await db.SaveInOneStatementAsync(CancellationToken.None);
            return 0;
        });

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await save, Throws.InvalidOperationException.With.Message.Contains("use SaveChangesAsync"));
            Assert.That(await CountAsync(db => db.Tasks.Where(t => t.Status == TaskItemStatus.NotStarted)), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task OneStatement_RefusesAGeneratedColumnSetForSomeRowsOnly_AndSavesNothing()
    {
        var task = await CreateTaskAsync("Mixed");

        var save = WithDbAsync(async db =>
        {
            db.OutboxMessages.Add(Message(task.Id, sequence: 0));
            db.OutboxMessages.Add(Message(task.Id, sequence: 1_000_000));
            await db.SaveInOneStatementAsync(CancellationToken.None);
            return 0;
        });

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await save, Throws.InvalidOperationException.With.Message.Contains("Sequence"));
            Assert.That(await CountAsync(db => db.OutboxMessages.Where(m => m.TaskId == task.Id && m.EventType == "mixed")), Is.Zero);
        });

        static OutboxMessage Message(Guid taskId, long sequence) => new()
        {
            Sequence = sequence,
            Id = Guid.CreateVersion7(),
            TaskId = taskId,
            EventType = "mixed",
            TaskData = "{}",
            OccurredAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>Counts one EF Core event anywhere in the process while it is alive (tests here run one at a time).</summary>
    private sealed class EfEventCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _eventName;
        private readonly IDisposable _allListeners;
        private readonly List<IDisposable> _subscriptions = [];
        private int _created;

        public EfEventCounter(EventId eventId)
        {
            _eventName = eventId.Name!;
            _allListeners = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Created => Volatile.Read(ref _created);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                    _subscriptions.Add(listener.Subscribe(this, name => name == _eventName));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            // The predicate given to Subscribe only says which events are wanted; a listener writes every event it is
            // asked to write to every subscriber, so another counter's events arrive here too.
            if (value.Key == _eventName)
                Interlocked.Increment(ref _created);
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            _allListeners.Dispose();
            lock (_subscriptions)
                _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
