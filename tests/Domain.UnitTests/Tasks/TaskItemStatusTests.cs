using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Tasks.Events;
using static TaskManager.Domain.UnitTests.Tasks.TaskBuilder;

namespace TaskManager.Domain.UnitTests.Tasks;

public sealed class TaskItemStatusTests
{
    [Test]
    public void ChangeStatus_RecordsOldAndNewValue_WithComment()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.InProgress, Agent, "  picking it up  ", Later());

        var entry = task.History[^1];
        Assert.Multiple(() =>
        {
            Assert.That(entry.FieldChanged, Is.EqualTo("status"));
            Assert.That(entry.OldValue, Is.EqualTo("not_started"));
            Assert.That(entry.NewValue, Is.EqualTo("in_progress"));
            Assert.That(entry.Comment, Is.EqualTo("picking it up"));
            Assert.That(entry.ChangedBy, Is.EqualTo("claude"));
            Assert.That(entry.ActorUserId, Is.EqualTo(Agent.UserId));
            Assert.That(entry.ChangedAt, Is.EqualTo(Later()));
        });
    }

    [Test]
    public void ChangeStatus_RaisesTaskStatusChanged_WithFromAndTo()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.Completed, Ada, null, Later());

        Assert.That(task.DomainEvents, Has.Count.EqualTo(1));
        var changed = task.DomainEvents[0] as TaskStatusChanged;
        Assert.That(changed, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(changed!.From, Is.EqualTo(TaskItemStatus.NotStarted));
            Assert.That(changed.To, Is.EqualTo(TaskItemStatus.Completed));
            Assert.That(changed.TaskItem, Is.SameAs(task));
            Assert.That(changed.OccurredAt, Is.EqualTo(Later()));
            Assert.That(changed.EventId, Is.Not.EqualTo(Guid.Empty));
        });
    }

    [Test]
    public void ChangeStatus_BumpsVersion_AndStampsUpdatedByAndAt()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.Blocked, Agent, null, Later(5));

        Assert.Multiple(() =>
        {
            Assert.That(task.Status, Is.EqualTo(TaskItemStatus.Blocked));
            Assert.That(task.Version, Is.EqualTo(2));
            Assert.That(task.UpdatedBy, Is.EqualTo("claude"));
            Assert.That(task.UpdatedAt, Is.EqualTo(Later(5)));
            Assert.That(task.CreatedBy, Is.EqualTo("ada@example.com"));
        });
    }

    [Test]
    public void ChangeStatus_ToTheSameStatus_WithoutAComment_ChangesNothing()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.NotStarted, Agent, null, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.Version, Is.EqualTo(1));
            Assert.That(task.DomainEvents, Is.Empty);
            Assert.That(task.History, Has.Count.EqualTo(1));
            Assert.That(task.UpdatedAt, Is.EqualTo(Now));
            Assert.That(task.UpdatedBy, Is.EqualTo("ada@example.com"));
        });
    }

    [Test]
    public void ChangeStatus_WithBlankComment_RecordsNoComment()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.InProgress, Ada, "   ", Later());

        Assert.That(task.History[^1].Comment, Is.Null);
    }

    [Test]
    public void ChangeStatus_WithTheCurrentExpectedVersion_Succeeds()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.InProgress, Ada, null, Later(), expectedVersion: 1);

        Assert.That(task.Version, Is.EqualTo(2));
    }

    [Test]
    public void ChangeStatus_WithAStaleExpectedVersion_ThrowsAndChangesNothing()
    {
        var task = SavedTask();

        var conflict = Assert.Throws<ConcurrencyConflictException>(() => task.ChangeStatus(TaskItemStatus.InProgress, Ada, null, Later(), expectedVersion: 7));

        Assert.Multiple(() =>
        {
            Assert.That(conflict!.ExpectedVersion, Is.EqualTo(7));
            Assert.That(conflict.CurrentVersion, Is.EqualTo(1));
            Assert.That(task.Status, Is.EqualTo(TaskItemStatus.NotStarted));
            Assert.That(task.Version, Is.EqualTo(1));
            Assert.That(task.DomainEvents, Is.Empty);
            Assert.That(task.History, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public void ChangeStatus_ToTheSameStatusWithAStaleVersion_StillThrows()
    {
        // The version check guards the caller's view of the task; a no-op does not excuse a stale view.
        var task = SavedTask();

        Assert.Throws<ConcurrencyConflictException>(() => task.ChangeStatus(TaskItemStatus.NotStarted, Ada, null, Later(), expectedVersion: 3));
    }

    [Test]
    public void Version_GrowsOncePerSavedUnit_EvenWithSeveralChanges()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.InProgress, Ada, null, Later(1));
        task.Edit("New title", null, TaskPriority.High, null, Ada, Later(1));
        task.AddComment("on it", Ada, Later(1));
        Assert.That(task.Version, Is.EqualTo(2), "One unit of work, one version.");

        task.ClearDomainEvents(); // saved
        task.ChangeStatus(TaskItemStatus.Completed, Ada, null, Later(2));
        task.Edit(null, "done", null, null, Ada, Later(2));

        Assert.That(task.Version, Is.EqualTo(3));
    }

    [Test]
    public void Version_OfANewTask_StaysOneUntilSaved_HoweverItIsShaped()
    {
        var task = NewTask();

        task.ChangeStatus(TaskItemStatus.InProgress, Ada, null, Now);
        task.Edit("Shaped before saving", null, null, null, Ada, Now);

        Assert.That(task.Version, Is.EqualTo(1));
    }

    [Test]
    public void DomainEvents_AccumulateUntilCleared()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.InProgress, Ada, null, Later());
        task.AddComment("started", Ada, Later());

        Assert.That(task.DomainEvents.Select(e => e.GetType()), Is.EqualTo(new[] { typeof(TaskStatusChanged), typeof(TaskCommented) }));
        task.ClearDomainEvents();
        Assert.That(task.DomainEvents, Is.Empty);
    }

    [Test]
    public void ChangeStatus_ToTheSameStatus_WithAComment_KeepsTheCommentAndNothingElse()
    {
        var task = SavedTask();

        task.ChangeStatus(TaskItemStatus.NotStarted, Agent, "  still waiting on design  ", Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.Status, Is.EqualTo(TaskItemStatus.NotStarted));
            Assert.That(task.Comments.Select(c => c.Comment), Is.EqualTo(new[] { "still waiting on design" }));
            Assert.That(task.History.Select(h => h.FieldChanged), Has.None.EqualTo("status"));
        });
    }
}
