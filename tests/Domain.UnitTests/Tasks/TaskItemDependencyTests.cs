using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Tasks.Events;
using static TaskManager.Domain.UnitTests.Tasks.TaskBuilder;

namespace TaskManager.Domain.UnitTests.Tasks;

public sealed class TaskItemDependencyTests
{
    [Test]
    public void AddBlocker_ThatWouldCloseACycle_IsRefused_NamingTheCycleFromThisTask()
    {
        var (a, b, c) = (SavedTask(), SavedTask(), SavedTask());

        // c would wait for a; a already waits for b, and b for c: the chain from the blocker is a, b, c.
        var refused = Assert.Throws<DependencyCycleException>(() => c.AddBlocker(a, [a, b, c], Ada, Later()));

        Assert.Multiple(() =>
        {
            Assert.That(refused!.Cycle.Select(t => t.Id), Is.EqualTo(new[] { c.Id, a.Id, b.Id }));
            Assert.That(c.BlockedBy, Is.Empty);
            Assert.That(c.DomainEvents, Is.Empty);
        });
    }

    [Test]
    public void AddBlocker_Itself_IsRefused()
    {
        var task = SavedTask();

        var refused = Assert.Throws<DomainException>(() => task.AddBlocker(task, [], Ada, Later()));

        Assert.That(refused!.Field, Is.EqualTo("blocked_by"));
    }

    [Test]
    public void AddBlocker_Twice_LinksOnce_WithOneHistoryRowAndOneEvent()
    {
        var (task, blocker) = (SavedTask(), SavedTask());

        task.AddBlocker(blocker, [], Ada, Later());
        task.AddBlocker(blocker, [], Ada, Later(2));

        Assert.Multiple(() =>
        {
            Assert.That(task.BlockedBy.Select(d => d.BlockedById), Is.EqualTo(new[] { blocker.Id }));
            Assert.That(task.History.Count(h => h.FieldChanged == "blocked_by"), Is.EqualTo(1));
            Assert.That(task.DomainEvents.OfType<TaskDependenciesChanged>().Count(), Is.EqualTo(1));
            Assert.That(task.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void RemoveBlocker_ThatIsNoBlocker_ChangesNothing()
    {
        var (task, stranger) = (SavedTask(), SavedTask());

        task.RemoveBlocker(stranger, Ada, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.DomainEvents, Is.Empty);
            Assert.That(task.Version, Is.EqualTo(1));
        });
    }
}
