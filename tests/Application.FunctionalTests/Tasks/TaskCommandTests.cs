using Microsoft.EntityFrameworkCore;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.Common.Models;
using TaskManager.Application.Contract;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks.Commands.AddComment;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Tasks.Commands.DeleteTask;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Application.Tasks.Queries.GetTask;
using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.FunctionalTests.Tasks;

public sealed class TaskCommandTests : FunctionalTestBase
{
    [Test]
    public async Task CreateTask_WritesTheTaskItsHistoryAndOneOutboxRow()
    {
        await AddRepositoryAsync("auth-service");

        var result = await SendAsync(new CreateTaskCommand("Rotate keys", "All of them.", "Max@Example.com", "auth-service", "High", "low", "in-progress"));

        var task = result.Task;
        var stored = await WithDbAsync(db => db.Tasks.AsNoTracking().Include(t => t.History).SingleAsync());
        var outbox = await WithDbAsync(db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(result.Replayed, Is.False);
            Assert.That(task.Status, Is.EqualTo("in_progress"));
            Assert.That(task.Priority, Is.EqualTo("high"));
            Assert.That(task.Complexity, Is.EqualTo("low"));
            Assert.That(task.Assignee!.Id, Is.EqualTo(Max.Id));
            Assert.That(task.Repository, Is.EqualTo("auth-service"));
            Assert.That(task.CreatedBy, Is.EqualTo(Max.Email));
            Assert.That(task.Version, Is.EqualTo(1));

            Assert.That(stored.Id, Is.EqualTo(task.Id));
            Assert.That(stored.UpdatedAt, Is.EqualTo(task.UpdatedAt), "The command returns the timestamp the row holds.");
            Assert.That(stored.History.Select(h => (h.FieldChanged, h.NewValue, h.ChangedBy, h.ActorUserId)),
                Is.EqualTo(new[] { ("created", (string?)"Rotate keys", Max.Email, Max.Id) }));
            Assert.That(outbox, Has.Count.EqualTo(1));
            Assert.That(outbox[0].TaskId, Is.EqualTo(task.Id));
            Assert.That(outbox[0].EventType, Is.EqualTo(TaskEvents.Assigned));
            Assert.That(outbox[0].AssigneeId, Is.EqualTo(Max.Id));
            Assert.That(outbox[0].RepositoryName, Is.EqualTo("auth-service"));
            Assert.That(outbox[0].PublishedAt, Is.Null);
        });
    }

    [Test]
    public async Task CreateTask_WithDefaults_IsNotStartedMediumMedium()
    {
        var task = await CreateTaskAsync();

        Assert.Multiple(() =>
        {
            Assert.That(task.Status, Is.EqualTo("not_started"));
            Assert.That(task.Priority, Is.EqualTo("medium"));
            Assert.That(task.Complexity, Is.EqualTo("medium"));
            Assert.That(task.Assignee, Is.Null);
            Assert.That(task.Repository, Is.Null);
        });
    }

    [Test]
    public async Task CreateTask_ForAnUnknownRepository_WritesNothing()
    {
        await AddRepositoryAsync("auth-service");

        Assert.ThrowsAsync<NotFoundException>(() => CreateTaskAsync(repository: "billing"));

        Assert.Multiple(async () =>
        {
            Assert.That(await CountAsync(db => db.Tasks), Is.Zero);
            Assert.That(await CountAsync(db => db.TaskHistory), Is.Zero);
            Assert.That(await CountAsync(db => db.OutboxMessages), Is.Zero);
        });
    }

    [Test]
    public async Task CreateTask_WithARepositoryNamedInAnotherCase_FindsItAndTheAssignee()
    {
        await AddRepositoryAsync("auth-service");

        var task = await CreateTaskAsync(assignee: Max.Id.ToString(), repository: "Auth-Service");

        Assert.Multiple(() =>
        {
            Assert.That(task.Assignee!.Id, Is.EqualTo(Max.Id));
            Assert.That(task.Repository, Is.EqualTo("auth-service"));
        });
    }

    [Test]
    public async Task CreateTask_ForAnUnknownAssigneeInAKnownRepository_IsNotFoundWithSuggestions()
    {
        await AddRepositoryAsync("auth-service");

        var error = Assert.ThrowsAsync<NotFoundException>(() => CreateTaskAsync(assignee: "max@exmaple.com", repository: "auth-service"));

        Assert.That(error!.Message, Does.Contain("max@example.com"));
        Assert.That(await CountAsync(db => db.Tasks), Is.Zero);
    }

    [Test]
    public async Task CreateTask_ForAKnownAssigneeInAnUnknownRepository_IsNotFoundWithSuggestions()
    {
        await AddRepositoryAsync("auth-service");

        var error = Assert.ThrowsAsync<NotFoundException>(() => CreateTaskAsync(assignee: "me", repository: "auth-servce"));

        Assert.That(error!.Message, Does.Contain("Did you mean 'auth-service'"));
        Assert.That(await CountAsync(db => db.Tasks), Is.Zero);
    }

    [Test]
    public void CreateTask_Invalid_IsRejectedByTheValidationBehaviour()
    {
        var error = Assert.ThrowsAsync<ValidationException>(() => SendAsync(new CreateTaskCommand("", null, null, null, Priority: "p0")));

        Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "title", "priority" }));
    }

    [Test]
    public async Task ChangeStatus_BumpsVersion_AndWritesHistoryWithCommentAndTheActorsLabel()
    {
        var created = await CreateTaskAsync();

        var changed = await SendAsync(new ChangeTaskStatusCommand(created.Id, "In Progress", "picking it up", UpdatedBy: "claude"), apiKeyName: "laptop");

        var history = await WithDbAsync(db => db.TaskHistory.AsNoTracking().Where(h => h.FieldChanged == "status").ToListAsync());
        var stored = await WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync());
        Assert.Multiple(() =>
        {
            Assert.That(changed.Version, Is.EqualTo(2));
            Assert.That(changed.Status, Is.EqualTo("in_progress"));
            Assert.That(changed.UpdatedBy, Is.EqualTo("claude"));
            Assert.That(stored.Version, Is.EqualTo(2));
            Assert.That(stored.Status, Is.EqualTo(TaskItemStatus.InProgress));
            Assert.That(stored.UpdatedAt, Is.EqualTo(changed.UpdatedAt));
            Assert.That(history, Has.Count.EqualTo(1));
            Assert.That(history[0].OldValue, Is.EqualTo("not_started"));
            Assert.That(history[0].NewValue, Is.EqualTo("in_progress"));
            Assert.That(history[0].Comment, Is.EqualTo("picking it up"));
            Assert.That(history[0].ChangedBy, Is.EqualTo("claude"));
            Assert.That(history[0].ActorUserId, Is.EqualTo(Max.Id), "The label never hides who acted.");
            Assert.That(history[0].ActorApiKeyName, Is.EqualTo("laptop"));
        });
    }

    [Test]
    public async Task ChangeStatus_WithoutLabel_RecordsTheCallersEmail()
    {
        var created = await CreateTaskAsync();

        await SendAsync(new ChangeTaskStatusCommand(created.Id, "blocked", null), actor: Ada);

        var entry = await WithDbAsync(db => db.TaskHistory.AsNoTracking().SingleAsync(h => h.FieldChanged == "status"));
        Assert.Multiple(() =>
        {
            Assert.That(entry.ChangedBy, Is.EqualTo(Ada.Email));
            Assert.That(entry.ActorUserId, Is.EqualTo(Ada.Id));
            Assert.That(entry.ActorApiKeyName, Is.Null);
        });
    }

    [Test]
    public async Task ChangeStatus_ToCompleted_QueuesTaskCompleted()
    {
        var created = await CreateTaskAsync();

        await SendAsync(new ChangeTaskStatusCommand(created.Id, "completed", null));

        var types = await WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).Select(m => m.EventType).ToListAsync());
        Assert.That(types, Is.EqualTo(new[] { TaskEvents.Updated, TaskEvents.Completed }));
    }

    [Test]
    public async Task ChangeStatus_ToTheSameStatus_WritesNothing()
    {
        var created = await CreateTaskAsync();

        var same = await SendAsync(new ChangeTaskStatusCommand(created.Id, "not_started", null));

        Assert.Multiple(async () =>
        {
            Assert.That(same.Version, Is.EqualTo(1));
            Assert.That(await CountAsync(db => db.TaskHistory), Is.EqualTo(1));
            Assert.That(await CountAsync(db => db.OutboxMessages), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Patch_WithSeveralFields_IsOneVersionAndOneOutboxRow()
    {
        await AddRepositoryAsync("auth-service");
        var created = await CreateTaskAsync();

        var patched = await SendAsync(new UpdateTaskCommand(created.Id, Title: "Rotate every key", Priority: "urgent",
            AssigneeId: Optional<string>.Of("me"), Repository: Optional<string>.Of("AUTH-SERVICE")));

        var fields = await WithDbAsync(db => db.TaskHistory.AsNoTracking().OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).Select(h => h.FieldChanged).ToListAsync());
        var outbox = await WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderBy(m => m.Sequence).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(patched.Version, Is.EqualTo(2));
            Assert.That(patched.Title, Is.EqualTo("Rotate every key"));
            Assert.That(patched.Priority, Is.EqualTo("urgent"));
            Assert.That(patched.Assignee!.Email, Is.EqualTo(Max.Email));
            Assert.That(patched.Repository, Is.EqualTo("auth-service"));
            Assert.That(fields[0], Is.EqualTo("created"));
            Assert.That(fields.Skip(1), Is.EquivalentTo(new[] { "title", "priority", "assignee", "repository" }));
            Assert.That(outbox, Has.Count.EqualTo(2));
            Assert.That(outbox[1].EventType, Is.EqualTo(TaskEvents.Assigned));
            Assert.That(outbox[1].AssigneeId, Is.EqualTo(Max.Id));
            Assert.That(outbox[1].RepositoryName, Is.EqualTo("auth-service"));
        });
    }

    [Test]
    public async Task Patch_ClearingAssigneeAndRepository_DetachesBoth_AndTellsThePreviousOnes()
    {
        await AddRepositoryAsync("auth-service");
        var created = await CreateTaskAsync(assignee: Max.Email, repository: "auth-service");

        var patched = await SendAsync(new UpdateTaskCommand(created.Id, AssigneeId: Optional<string>.Of(null), Repository: Optional<string>.Of(null)));

        var last = await WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Sequence).FirstAsync());
        Assert.Multiple(() =>
        {
            Assert.That(patched.Assignee, Is.Null);
            Assert.That(patched.Repository, Is.Null);
            Assert.That(patched.Version, Is.EqualTo(2));
            Assert.That(last.EventType, Is.EqualTo(TaskEvents.Updated));
            Assert.That(last.PreviousAssigneeId, Is.EqualTo(Max.Id));
            Assert.That(last.PreviousRepositoryName, Is.EqualTo("auth-service"));
        });
    }

    [Test]
    public async Task Patch_ToAnUnknownUser_ChangesNothing()
    {
        var created = await CreateTaskAsync();

        var error = Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new UpdateTaskCommand(created.Id, Title: "renamed",
            AssigneeId: Optional<string>.Of("nobody@example.com"))));

        var stored = await WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync());
        Assert.Multiple(() =>
        {
            Assert.That(error!.Resource, Is.EqualTo("user"));
            Assert.That(stored.Title, Is.EqualTo("Rotate keys"));
            Assert.That(stored.Version, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task StaleExpectedVersion_IsAConflict_AndChangesNothing()
    {
        var created = await CreateTaskAsync();
        await SendAsync(new ChangeTaskStatusCommand(created.Id, "in_progress", null));

        var conflict = Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            SendAsync(new ChangeTaskStatusCommand(created.Id, "completed", "done", ExpectedVersion: 1)));
        Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            SendAsync(new UpdateTaskCommand(created.Id, AssigneeId: Optional<string>.Of("me"), ExpectedVersion: 1)));
        Assert.ThrowsAsync<ConcurrencyConflictException>(() => SendAsync(new DeleteTaskCommand(created.Id, ExpectedVersion: 1)));

        var stored = await WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(conflict!.CurrentVersion, Is.EqualTo(2));
            Assert.That(conflict.ExpectedVersion, Is.EqualTo(1));
            Assert.That(stored.Version, Is.EqualTo(2));
            Assert.That(stored.Status, Is.EqualTo(TaskItemStatus.InProgress));
            Assert.That(stored.AssigneeId, Is.Null);
            Assert.That(stored.DeletedAt, Is.Null);
            Assert.That(await CountAsync(db => db.TaskHistory), Is.EqualTo(2));
            Assert.That(await CountAsync(db => db.OutboxMessages), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task CurrentExpectedVersion_IsAccepted()
    {
        var created = await CreateTaskAsync();

        var changed = await SendAsync(new ChangeTaskStatusCommand(created.Id, "blocked", null, ExpectedVersion: 1));
        var patched = await SendAsync(new UpdateTaskCommand(created.Id, Title: "renamed", ExpectedVersion: 2));

        Assert.That((changed.Version, patched.Version), Is.EqualTo((2, 3)));
    }

    [Test]
    public async Task AddComment_StoresItWithTheAuthor_AndQueuesTaskCommented()
    {
        var created = await CreateTaskAsync();

        var comment = await SendAsync(new AddCommentCommand(created.Id, "  Looks good  ", "claude"));

        var details = await SendAsync(new GetTaskQuery(created.Id));
        var last = await WithDbAsync(db => db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Sequence).FirstAsync());
        Assert.Multiple(() =>
        {
            Assert.That(comment.Comment, Is.EqualTo("Looks good"));
            Assert.That(comment.Author, Is.EqualTo("claude"));
            Assert.That(details.Comments.Select(c => c.Id), Is.EqualTo(new[] { comment.Id }));
            Assert.That(details.Version, Is.EqualTo(2));
            Assert.That(details.RecentHistory.Select(h => h.FieldChanged), Is.EqualTo(new[] { "comment", "created" }), "Newest first.");
            Assert.That(last.EventType, Is.EqualTo(TaskEvents.Commented));
            Assert.That(last.TaskData, Does.Contain("Looks good"));
        });
    }

    [Test]
    public void Commands_OnAnUnknownTask_AreNotFound()
    {
        var id = Guid.NewGuid();

        Assert.Multiple(() =>
        {
            Assert.That(Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new ChangeTaskStatusCommand(id, "blocked", null)))!.Resource, Is.EqualTo("task"));
            Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new UpdateTaskCommand(id, Title: "x")));
            Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new AddCommentCommand(id, "x")));
            Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new DeleteTaskCommand(id)));
            Assert.ThrowsAsync<NotFoundException>(() => SendAsync(new GetTaskQuery(id)));
        });
    }
}
