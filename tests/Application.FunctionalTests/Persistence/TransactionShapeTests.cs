using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.FunctionalTests.Persistence;

/// <summary>What a write inside a handler's own transaction sends to PostgreSQL besides its rows.</summary>
public sealed class TransactionShapeTests : FunctionalTestBase
{
    [Test]
    public async Task StatusChange_InItsTransaction_SavesWithoutASavepoint()
    {
        var task = await CreateTaskAsync();
        using var savepoints = new EfEventCounter(RelationalEventId.CreatingTransactionSavepoint);

        var changed = await SendAsync(new ChangeTaskStatusCommand(task.Id, "blocked", "waiting for review"));

        Assert.Multiple(() =>
        {
            Assert.That(changed.Status, Is.EqualTo("blocked"));
            Assert.That(savepoints.Created, Is.Zero, "A failed save ends the request, so a savepoint would only cost two statements.");
        });
    }

    [Test]
    public async Task Create_SavesItsRowsWithoutBeginOrCommit()
    {
        using var transactions = new EfEventCounter(RelationalEventId.TransactionStarted);

        var created = await CreateTaskAsync("One round trip");

        Assert.Multiple(async () =>
        {
            Assert.That(transactions.Created, Is.Zero, "The rows go as one batch, which PostgreSQL runs as one implicit transaction.");
            Assert.That(await CountAsync(db => db.Tasks.Where(t => t.Id == created.Id)), Is.EqualTo(1), "tasks");
            Assert.That(await CountAsync(db => db.OutboxMessages.Where(m => m.TaskId == created.Id)), Is.EqualTo(1), "outbox rows");
        });
    }

    [Test]
    public async Task SavingNewRows_RefusesAChangedRow_AndSavesNothing()
    {
        var task = await CreateTaskAsync("Before");

        var save = WithDbAsync(async db =>
        {
            var tracked = await db.Tasks.SingleAsync(t => t.Id == task.Id);
            tracked.ChangeStatus(TaskItemStatus.Blocked, new Actor(Ada.Id, Ada.Email), null, DateTimeOffset.UtcNow);
            return await db.SaveNewRowsAsync(CancellationToken.None);
        });

        Assert.Multiple(async () =>
        {
            Assert.That(async () => await save, Throws.InvalidOperationException.With.Message.Contains("use SaveChangesAsync"));
            Assert.That(await CountAsync(db => db.Tasks.Where(t => t.Id == task.Id && t.Status == TaskItemStatus.NotStarted)), Is.EqualTo(1));
        });
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

        public void OnNext(KeyValuePair<string, object?> value) => Interlocked.Increment(ref _created);

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
