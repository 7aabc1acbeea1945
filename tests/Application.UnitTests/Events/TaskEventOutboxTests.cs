using System.Text.Json;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Contract;
using TaskManager.Domain.Common;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;
using TaskManager.Domain.Users;

namespace TaskManager.Application.UnitTests.Events;

public sealed class TaskEventOutboxTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);
    private static readonly Actor Ada = new(Guid.NewGuid(), "ada@example.com");
    private static readonly User Max = User.Create("max@example.com", "Max", null, Now);
    private static readonly User Eve = User.Create("eve@example.com", "Eve", null, Now);

    [Test]
    public void Created_WithAnAssignee_IsTaskAssigned()
    {
        var task = NewTask(assignee: Max);

        var message = Single(task);

        Assert.Multiple(() =>
        {
            Assert.That(message.EventType, Is.EqualTo(TaskEvents.Assigned));
            Assert.That(message.AssigneeId, Is.EqualTo(Max.Id));
            Assert.That(message.PreviousAssigneeId, Is.Null);
            Assert.That(message.TaskId, Is.EqualTo(task.Id));
            Assert.That(message.OccurredAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void Created_WithoutAnAssignee_IsTaskUpdated() =>
        Assert.That(Single(NewTask()).EventType, Is.EqualTo(TaskEvents.Updated));

    [Test]
    public void Deleted_WinsOverEverythingElse()
    {
        var task = Saved(NewTask(assignee: Eve));
        task.ChangeStatus(TaskItemStatus.Completed, Ada, null, Now);
        task.Reassign(Max, Ada, Now);
        task.AddComment("bye", Ada, Now);
        task.Delete(Ada, Now);

        Assert.That(Single(task).EventType, Is.EqualTo(TaskEvents.Deleted));
    }

    [Test]
    public void Commented_WinsOverAssignedAndCompleted()
    {
        var task = Saved(NewTask());
        task.ChangeStatus(TaskItemStatus.Completed, Ada, null, Now);
        task.Reassign(Max, Ada, Now);
        task.AddComment("done", Ada, Now);

        Assert.That(Single(task).EventType, Is.EqualTo(TaskEvents.Commented));
    }

    [Test]
    public void Assigned_WinsOverCompleted()
    {
        var task = Saved(NewTask());
        task.ChangeStatus(TaskItemStatus.Completed, Ada, null, Now);
        task.Reassign(Max, Ada, Now);

        Assert.That(Single(task).EventType, Is.EqualTo(TaskEvents.Assigned));
    }

    [Test]
    public void Completed_WinsOverAnEdit()
    {
        var task = Saved(NewTask(assignee: Max));
        task.Edit("Renamed", null, null, null, Ada, Now);
        task.ChangeStatus(TaskItemStatus.Completed, Ada, null, Now);

        Assert.That(Single(task).EventType, Is.EqualTo(TaskEvents.Completed));
    }

    [TestCase(TaskItemStatus.InProgress)]
    [TestCase(TaskItemStatus.Cancelled)]
    public void OtherStatusChanges_AreTaskUpdated(TaskItemStatus status)
    {
        var task = Saved(NewTask(assignee: Max));
        task.ChangeStatus(status, Ada, null, Now);

        Assert.That(Single(task).EventType, Is.EqualTo(TaskEvents.Updated));
    }

    [Test]
    public void Reassigned_NamesThePreviousAssignee_WhoStillHearsOfIt()
    {
        var task = Saved(NewTask(assignee: Eve));
        task.Reassign(Max, Ada, Now);

        var message = Single(task);

        Assert.Multiple(() =>
        {
            Assert.That(message.EventType, Is.EqualTo(TaskEvents.Assigned));
            Assert.That(message.AssigneeId, Is.EqualTo(Max.Id));
            Assert.That(message.PreviousAssigneeId, Is.EqualTo(Eve.Id));
        });
    }

    [Test]
    public void Unassigned_IsTaskUpdated_ForThePreviousAssignee()
    {
        var task = Saved(NewTask(assignee: Eve));
        task.Reassign(null, Ada, Now);

        var message = Single(task);

        Assert.Multiple(() =>
        {
            Assert.That(message.EventType, Is.EqualTo(TaskEvents.Updated));
            Assert.That(message.AssigneeId, Is.Null);
            Assert.That(message.PreviousAssigneeId, Is.EqualTo(Eve.Id));
        });
    }

    [Test]
    public void ReassignedAwayAndBack_InOneUnit_HasNoPreviousAssignee()
    {
        var task = Saved(NewTask(assignee: Eve));
        task.Reassign(Max, Ada, Now);
        task.Reassign(Eve, Ada, Now);

        Assert.That(Single(task).PreviousAssigneeId, Is.Null);
    }

    [Test]
    public void Moved_NamesBothRepositories()
    {
        var task = Saved(NewTask(repository: CodeRepository.Create("auth-service", null, Now)));
        task.MoveToRepository(CodeRepository.Create("billing", null, Now), Ada, Now);

        var message = Single(task);

        Assert.Multiple(() =>
        {
            Assert.That(message.EventType, Is.EqualTo(TaskEvents.Updated));
            Assert.That(message.RepositoryName, Is.EqualTo("billing"));
            Assert.That(message.PreviousRepositoryName, Is.EqualTo("auth-service"));
        });
    }

    [Test]
    public void SeveralChangesToOneTask_AreOneMessage_WithTheLastTimeAndState()
    {
        var task = Saved(NewTask());
        task.ChangeStatus(TaskItemStatus.InProgress, Ada, null, Now.AddMinutes(1));
        task.Edit("Renamed", null, TaskPriority.High, null, Ada, Now.AddMinutes(2));

        var message = Single(task);
        var data = JsonDocument.Parse(message.TaskData).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(message.OccurredAt, Is.EqualTo(Now.AddMinutes(2)));
            Assert.That(data.GetProperty("title").GetString(), Is.EqualTo("Renamed"));
            Assert.That(data.GetProperty("status").GetString(), Is.EqualTo("in_progress"));
            Assert.That(data.GetProperty("priority").GetString(), Is.EqualTo("high"));
            Assert.That(data.GetProperty("version").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public void ChangesToTwoTasks_AreOneMessageEach()
    {
        var first = Saved(NewTask("first"));
        var second = Saved(NewTask("second"));
        first.ChangeStatus(TaskItemStatus.Blocked, Ada, null, Now);
        second.AddComment("hi", Ada, Now);
        first.AddComment("why", Ada, Now);

        var messages = ApplicationServices.Outbox.FromDomainEvents([.. first.DomainEvents, .. second.DomainEvents]).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(messages.Select(m => m.TaskId), Is.EquivalentTo(new[] { first.Id, second.Id }));
            Assert.That(messages.Select(m => m.Id).Distinct().Count(), Is.EqualTo(2), "Each message has its own event id.");
        });
    }

    [Test]
    public void Commented_CarriesTheCommentInTaskData()
    {
        var task = Saved(NewTask(assignee: Max));
        var comment = task.AddComment("  Looks good  ", new Actor(Guid.NewGuid(), "claude"), Now);

        var data = JsonDocument.Parse(Single(task).TaskData).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(data.GetProperty("id").GetGuid(), Is.EqualTo(task.Id));
            var json = data.GetProperty("comment");
            Assert.That(json.GetProperty("id").GetGuid(), Is.EqualTo(comment.Id));
            Assert.That(json.GetProperty("comment").GetString(), Is.EqualTo("Looks good"));
            Assert.That(json.GetProperty("author").GetString(), Is.EqualTo("claude"));
            Assert.That(json.GetProperty("created_at").GetString(), Is.EqualTo("2026-01-31T12:00:00.000000Z"));
        });
    }

    [Test]
    public void TaskData_IsTheContractsTaskJson()
    {
        var task = NewTask(assignee: Max, repository: CodeRepository.Create("auth-service", null, Now));

        var data = JsonDocument.Parse(Single(task).TaskData).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(data.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[]
            {
                "id", "title", "description", "status", "priority", "complexity", "assignee", "repository",
                "created_by", "updated_by", "created_at", "updated_at", "version", "lease_holder", "lease_expires_at",
            }));
            Assert.That(data.GetProperty("assignee").GetProperty("email").GetString(), Is.EqualTo("max@example.com"));
            Assert.That(data.GetProperty("repository").GetString(), Is.EqualTo("auth-service"));
            Assert.That(data.GetProperty("status").GetString(), Is.EqualTo("not_started"));
            Assert.That(data.GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void EventsOfOtherAggregates_AreIgnored()
    {
        var messages = ApplicationServices.Outbox.FromDomainEvents([new OtherEvent(Guid.NewGuid(), Now)]);

        Assert.That(messages, Is.Empty);
    }

    private static TaskItem NewTask(string title = "Rotate keys", User? assignee = null, CodeRepository? repository = null) =>
        TaskItem.Create(title, null, TaskItemStatus.NotStarted, TaskPriority.Medium, TaskComplexity.Medium, assignee, repository, Ada, Now);

    private static TaskItem Saved(TaskItem task)
    {
        task.ClearDomainEvents();
        return task;
    }

    private static OutboxMessage Single(TaskItem task) => ApplicationServices.Outbox.FromDomainEvents(task.DomainEvents).Single();

    private sealed record OtherEvent(Guid EventId, DateTimeOffset OccurredAt) : DomainEvent(EventId, OccurredAt);
}
