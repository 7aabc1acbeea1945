using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Tasks.Events;
using static TaskManager.Domain.UnitTests.Tasks.TaskBuilder;

namespace TaskManager.Domain.UnitTests.Tasks;

public sealed class TaskItemChangeTests
{
    [Test]
    public void Edit_RecordsAHistoryRowPerChangedField_AndOneEventNamingThem()
    {
        var task = SavedTask();

        task.Edit(" Rotate all keys ", "Every key.", TaskPriority.Urgent, TaskComplexity.High, Agent, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.Title, Is.EqualTo("Rotate all keys"));
            Assert.That(task.Description, Is.EqualTo("Every key."));
            Assert.That(task.Priority, Is.EqualTo(TaskPriority.Urgent));
            Assert.That(task.Complexity, Is.EqualTo(TaskComplexity.High));
            Assert.That(task.History.Skip(1).Select(h => (h.FieldChanged, h.OldValue, h.NewValue)), Is.EqualTo(new[]
            {
                ("title", "Rotate keys", "Rotate all keys"),
                ("description", "Rotate the signing keys.", "Every key."),
                ("priority", "medium", "urgent"),
                ("complexity", "medium", "high"),
            }));
            Assert.That(task.DomainEvents, Has.Count.EqualTo(1));
            Assert.That(((TaskEdited)task.DomainEvents[0]).Fields, Is.EqualTo(new[] { "title", "description", "priority", "complexity" }));
            Assert.That(task.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void Edit_WithNullsAndUnchangedValues_ChangesNothing()
    {
        var task = SavedTask();

        task.Edit(null, null, null, null, Agent, Later());
        task.Edit("Rotate keys", "Rotate the signing keys.", TaskPriority.Medium, TaskComplexity.Medium, Agent, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.Version, Is.EqualTo(1));
            Assert.That(task.DomainEvents, Is.Empty);
            Assert.That(task.History, Has.Count.EqualTo(1));
            Assert.That(task.UpdatedBy, Is.EqualTo("ada@example.com"));
        });
    }

    [Test]
    public void Edit_WithOnlyOneField_LeavesTheOthers()
    {
        var task = SavedTask();

        task.Edit(null, null, TaskPriority.Low, null, Ada, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.Title, Is.EqualTo("Rotate keys"));
            Assert.That(task.Description, Is.EqualTo("Rotate the signing keys."));
            Assert.That(task.Priority, Is.EqualTo(TaskPriority.Low));
            Assert.That(((TaskEdited)task.DomainEvents.Single()).Fields, Is.EqualTo(new[] { "priority" }));
        });
    }

    [Test]
    public void Edit_WithABlankDescription_ClearsIt()
    {
        var task = SavedTask();

        task.Edit(null, "", null, null, Ada, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.Description, Is.Null);
            Assert.That(task.History[^1].NewValue, Is.Null);
        });
    }

    [Test]
    public void Edit_WithABlankTitle_ThrowsAndChangesNothing()
    {
        var task = SavedTask();

        var error = Assert.Throws<DomainException>(() => task.Edit(" ", null, TaskPriority.High, null, Ada, Later()));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("title"));
            Assert.That(task.Priority, Is.EqualTo(TaskPriority.Medium));
            Assert.That(task.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public void Edit_WithAStaleVersion_Throws() =>
        Assert.Throws<ConcurrencyConflictException>(() => SavedTask().Edit("x", null, null, null, Ada, Later(), expectedVersion: 2));

    [Test]
    public void Reassign_ToAUser_RecordsEmailsAndRaisesTaskReassigned()
    {
        var previous = User("old@example.com");
        var next = User("new@example.com");
        var task = SavedTask(assignee: previous);

        task.Reassign(next, Agent, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.AssigneeId, Is.EqualTo(next.Id));
            Assert.That(task.Assignee, Is.SameAs(next));
            Assert.That(task.History[^1].FieldChanged, Is.EqualTo("assignee"));
            Assert.That(task.History[^1].OldValue, Is.EqualTo("old@example.com"));
            Assert.That(task.History[^1].NewValue, Is.EqualTo("new@example.com"));
            var reassigned = (TaskReassigned)task.DomainEvents.Single();
            Assert.That(reassigned.PreviousAssigneeId, Is.EqualTo(previous.Id));
            Assert.That(reassigned.NewAssigneeId, Is.EqualTo(next.Id));
            Assert.That(task.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void Reassign_ToNull_Unassigns()
    {
        var previous = User();
        var task = SavedTask(assignee: previous);

        task.Reassign(null, Ada, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.AssigneeId, Is.Null);
            Assert.That(task.History[^1].NewValue, Is.Null);
            Assert.That(((TaskReassigned)task.DomainEvents.Single()).PreviousAssigneeId, Is.EqualTo(previous.Id));
        });
    }

    [Test]
    public void Reassign_ToTheCurrentAssignee_ChangesNothing()
    {
        var assignee = User();
        var task = SavedTask(assignee: assignee);

        task.Reassign(assignee, Ada, Later());
        var unassigned = SavedTask();
        unassigned.Reassign(null, Ada, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.DomainEvents, Is.Empty);
            Assert.That(task.Version, Is.EqualTo(1));
            Assert.That(unassigned.DomainEvents, Is.Empty);
        });
    }

    [Test]
    public void MoveToRepository_RecordsNamesAndRemembersThePreviousRepository()
    {
        var task = SavedTask(repository: Repository("auth-service"));

        task.MoveToRepository(Repository("billing"), Ada, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.Repository!.Name, Is.EqualTo("billing"));
            Assert.That(task.History[^1].FieldChanged, Is.EqualTo("repository"));
            Assert.That(task.History[^1].OldValue, Is.EqualTo("auth-service"));
            Assert.That(task.History[^1].NewValue, Is.EqualTo("billing"));
            Assert.That(((TaskMovedToRepository)task.DomainEvents.Single()).PreviousRepositoryName, Is.EqualTo("auth-service"));
            Assert.That(task.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void MoveToRepository_ToNull_Detaches_AndToTheSame_DoesNothing()
    {
        var repository = Repository();
        var task = SavedTask(repository: repository);

        task.MoveToRepository(repository, Ada, Later());
        Assert.That(task.DomainEvents, Is.Empty);

        task.MoveToRepository(null, Ada, Later());
        Assert.Multiple(() =>
        {
            Assert.That(task.RepositoryId, Is.Null);
            Assert.That(task.Repository, Is.Null);
            Assert.That(task.DomainEvents.Single(), Is.TypeOf<TaskMovedToRepository>());
        });
    }

    [Test]
    public void AddComment_TrimsIt_StoresTheAuthor_AndRaisesTaskCommented()
    {
        var task = SavedTask();

        var comment = task.AddComment("  Looks good  ", Agent, Later());

        Assert.Multiple(() =>
        {
            Assert.That(comment.Comment, Is.EqualTo("Looks good"));
            Assert.That(comment.Author, Is.EqualTo("claude"));
            Assert.That(comment.AuthorUserId, Is.EqualTo(Agent.UserId));
            Assert.That(comment.TaskId, Is.EqualTo(task.Id));
            Assert.That(task.Comments, Is.EqualTo(new[] { comment }));
            Assert.That(task.History[^1].FieldChanged, Is.EqualTo("comment"));
            Assert.That(task.History[^1].Comment, Is.EqualTo("Looks good"));
            Assert.That(((TaskCommented)task.DomainEvents.Single()).Comment, Is.SameAs(comment));
            Assert.That(task.Version, Is.EqualTo(2));
        });
    }

    [TestCase("")]
    [TestCase(" \n ")]
    public void AddComment_Blank_Throws(string text)
    {
        var task = SavedTask();

        var error = Assert.Throws<DomainException>(() => task.AddComment(text, Ada, Later()));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Field, Is.EqualTo("comment"));
            Assert.That(task.Comments, Is.Empty);
        });
    }

    [Test]
    public void AddComment_AtTheLimit_Succeeds_AndOverIt_Throws()
    {
        var task = SavedTask();

        Assert.DoesNotThrow(() => task.AddComment(new string('c', TaskComment.MaxLength), Ada, Later()));
        var error = Assert.Throws<DomainException>(() => task.AddComment(new string('c', TaskComment.MaxLength + 1), Ada, Later()));
        Assert.That(error!.Field, Is.EqualTo("comment"));
    }

    [Test]
    public void Delete_MarksTheTaskDeleted_RecordsIt_AndRaisesTaskDeleted()
    {
        var task = SavedTask();

        task.Delete(Ada, Later());

        Assert.Multiple(() =>
        {
            Assert.That(task.IsDeleted, Is.True);
            Assert.That(task.DeletedAt, Is.EqualTo(Later()));
            Assert.That(task.History[^1].FieldChanged, Is.EqualTo("deleted"));
            Assert.That(task.DomainEvents.Single(), Is.TypeOf<TaskDeleted>());
            Assert.That(task.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void Delete_WithAStaleVersion_ThrowsAndKeepsTheTask()
    {
        var task = SavedTask();

        Assert.Throws<ConcurrencyConflictException>(() => task.Delete(Ada, Later(), expectedVersion: 2));
        Assert.That(task.IsDeleted, Is.False);
    }

    [Test]
    public void DeletedTask_RefusesEveryChange()
    {
        var task = SavedTask();
        task.Delete(Ada, Later());
        task.ClearDomainEvents();
        var historyCount = task.History.Count;

        Assert.Multiple(() =>
        {
            Assert.Throws<DomainException>(() => task.ChangeStatus(TaskItemStatus.Completed, Ada, null, Later(2)));
            Assert.Throws<DomainException>(() => task.Edit("x", null, null, null, Ada, Later(2)));
            Assert.Throws<DomainException>(() => task.Reassign(User(), Ada, Later(2)));
            Assert.Throws<DomainException>(() => task.MoveToRepository(Repository(), Ada, Later(2)));
            Assert.Throws<DomainException>(() => task.AddComment("hello", Ada, Later(2)));
            Assert.Throws<DomainException>(() => task.Delete(Ada, Later(2)));
            Assert.That(task.History, Has.Count.EqualTo(historyCount));
            Assert.That(task.DomainEvents, Is.Empty);
            Assert.That(task.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public void DeletedTask_Refusal_IsNotAFieldError()
    {
        // Field-less domain errors become 409 conflicts, not 400 validation errors.
        var task = SavedTask();
        task.Delete(Ada, Later());

        var error = Assert.Throws<DomainException>(() => task.ChangeStatus(TaskItemStatus.Completed, Ada, null, Later(2)));

        Assert.That(error!.Field, Is.Null);
    }
}
