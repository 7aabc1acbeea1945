using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

namespace TaskManager.Application.FunctionalTests.Persistence;

/// <summary>What a write inside a handler's own transaction sends to PostgreSQL besides its rows.</summary>
public sealed class TransactionShapeTests : FunctionalTestBase
{
    [Test]
    public async Task StatusChange_InItsTransaction_SavesWithoutASavepoint()
    {
        var task = await CreateTaskAsync();
        using var savepoints = new SavepointCounter();

        var changed = await SendAsync(new ChangeTaskStatusCommand(task.Id, "blocked", "waiting for review"));

        Assert.Multiple(() =>
        {
            Assert.That(changed.Status, Is.EqualTo("blocked"));
            Assert.That(savepoints.Created, Is.Zero, "A failed save ends the request, so a savepoint would only cost two statements.");
        });
    }

    /// <summary>Counts the savepoints EF Core creates anywhere in the process while it is alive (tests here run one at a time).</summary>
    private sealed class SavepointCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly IDisposable _allListeners;
        private readonly List<IDisposable> _subscriptions = [];
        private int _created;

        public SavepointCounter() => _allListeners = DiagnosticListener.AllListeners.Subscribe(this);

        public int Created => Volatile.Read(ref _created);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                    _subscriptions.Add(listener.Subscribe(this, name => name == RelationalEventId.CreatingTransactionSavepoint.Name));
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
