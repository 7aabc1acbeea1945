using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Tasks.Events;
using static TaskManager.Domain.UnitTests.Tasks.TaskBuilder;

namespace TaskManager.Domain.UnitTests.Tasks;

public sealed class TaskItemCreateTests
{
    [Test]
    public void Create_RaisesTaskCreated_AndRecordsACreatedHistoryRow()
    {
        var assignee = User();
        var repository = Repository();

        var task = TaskItem.Create("  Rotate keys  ", "Rotate the signing keys.", TaskItemStatus.InProgress, TaskPriority.High,
            TaskComplexity.Low, assignee, repository, Agent, Now);

        Assert.Multiple(() =>
        {
            Assert.That(task.DomainEvents, Has.Count.EqualTo(1));
            Assert.That(task.DomainEvents[0], Is.TypeOf<TaskCreated>().With.Property(nameof(TaskCreated.TaskItem)).SameAs(task));
            Assert.That(task.History, Has.Count.EqualTo(1));
            var created = task.History[0];
            Assert.That(created.FieldChanged, Is.EqualTo("created"));
            Assert.That(created.OldValue, Is.Null);
            Assert.That(created.NewValue, Is.EqualTo("Rotate keys"));
            Assert.That(created.ChangedBy, Is.EqualTo("claude"));
            Assert.That(created.ActorUserId, Is.EqualTo(Agent.UserId));
            Assert.That(created.ActorApiKeyName, Is.EqualTo("laptop-key"));
            Assert.That(created.TaskId, Is.EqualTo(task.Id));
            Assert.That(created.ChangedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void Create_SetsEveryFieldAndStartsAtVersionOne()
    {
        var assignee = User();
        var repository = Repository();

        var task = TaskItem.Create("  Rotate keys ", "  details  ", TaskItemStatus.Blocked, TaskPriority.Urgent, TaskComplexity.High,
            assignee, repository, Ada, Now);

        Assert.Multiple(() =>
        {
            Assert.That(task.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(task.Title, Is.EqualTo("Rotate keys"));
            Assert.That(task.Description, Is.EqualTo("details"));
            Assert.That(task.Status, Is.EqualTo(TaskItemStatus.Blocked));
            Assert.That(task.Priority, Is.EqualTo(TaskPriority.Urgent));
            Assert.That(task.Complexity, Is.EqualTo(TaskComplexity.High));
            Assert.That(task.AssigneeId, Is.EqualTo(assignee.Id));
            Assert.That(task.RepositoryId, Is.EqualTo(repository.Id));
            Assert.That(task.CreatedBy, Is.EqualTo("ada@example.com"));
            Assert.That(task.UpdatedBy, Is.EqualTo("ada@example.com"));
            Assert.That(task.CreatedAt, Is.EqualTo(Now));
            Assert.That(task.UpdatedAt, Is.EqualTo(Now));
            Assert.That(task.Version, Is.EqualTo(1));
            Assert.That(task.IsDeleted, Is.False);
        });
    }

    [Test]
    public void Create_WithoutAssigneeOrRepository_LeavesThemEmpty()
    {
        var task = NewTask();

        Assert.Multiple(() =>
        {
            Assert.That(task.AssigneeId, Is.Null);
            Assert.That(task.RepositoryId, Is.Null);
        });
    }

    [Test]
    public void Create_TwoTasks_GetDifferentIds()
    {
        var first = NewTask();
        var second = NewTask();

        Assert.That(second.Id, Is.Not.EqualTo(first.Id));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Create_WithBlankTitle_Throws(string title)
    {
        var error = Assert.Throws<DomainException>(() => NewTask(title));

        Assert.That(error!.Field, Is.EqualTo("title"));
    }

    [Test]
    public void Create_WithTitleAtTheLimit_Succeeds() =>
        Assert.That(NewTask(new string('t', TaskItem.TitleMaxLength)).Title, Has.Length.EqualTo(TaskItem.TitleMaxLength));

    [Test]
    public void Create_WithTitleOverTheLimit_Throws()
    {
        var error = Assert.Throws<DomainException>(() => NewTask(new string('t', TaskItem.TitleMaxLength + 1)));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("title"));
            Assert.That(error.Message, Does.Contain(TaskItem.TitleMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        });
    }

    [Test]
    public void Create_WithDescriptionOverTheLimit_Throws()
    {
        var error = Assert.Throws<DomainException>(() => TaskItem.Create("t", new string('d', TaskItem.DescriptionMaxLength + 1),
            TaskItemStatus.NotStarted, TaskPriority.Medium, TaskComplexity.Medium, null, null, Ada, Now));

        Assert.That(error!.Field, Is.EqualTo("description"));
    }

    [Test]
    public void Create_WithBlankDescription_StoresNull()
    {
        var task = TaskItem.Create("t", "   ", TaskItemStatus.NotStarted, TaskPriority.Medium, TaskComplexity.Medium, null, null, Ada, Now);

        Assert.That(task.Description, Is.Null);
    }
}
