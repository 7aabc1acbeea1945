using TaskManager.Application.Common.Models;
using TaskManager.Application.Tasks.Commands.AddComment;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.CompleteTask;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Application.Tasks.Queries.GetTasks;
using static TaskManager.Application.UnitTests.Validation.ValidationAssertions;

namespace TaskManager.Application.UnitTests.Validation;

public sealed class TaskValidatorTests
{
    private static readonly Guid TaskId = Guid.NewGuid();

    private static CreateTaskCommand ValidCreate => new("Rotate keys", "Rotate the signing keys.\nAll of them.", "ada@example.com", "auth-service",
        "High", "low", "In Progress", "claude", "retry-1");

    [Test]
    public void CreateTask_WithEveryFieldValid_Passes() => AssertValid(ValidCreate);

    [Test]
    public void CreateTask_WithOnlyATitle_Passes() => AssertValid(new CreateTaskCommand("Rotate keys", null, null, null));

    [TestCase(null)]
    [TestCase("")]
    public void CreateTask_WithoutTitle_FailsOnTitle(string? title) =>
        Assert.That(AssertInvalid(ValidCreate with { Title = title }, "title"), Does.Contain("A task needs a title."));

    [Test]
    public void CreateTask_WithTitleOverTheLimit_FailsOnTitle() =>
        AssertInvalid(ValidCreate with { Title = new string('t', 501) }, "title");

    [Test]
    public void CreateTask_WithControlCharactersInTitle_FailsOnTitle() =>
        Assert.That(AssertInvalid(ValidCreate with { Title = "bell\u0007" }, "title"), Does.Contain("Control characters are not allowed."));

    [Test]
    public void CreateTask_WithDescriptionOverTheLimit_FailsOnDescription() =>
        AssertInvalid(ValidCreate with { Description = new string('d', 20_001) }, "description");

    [Test]
    public void CreateTask_WithUnknownPriority_ListsTheAllowedValues()
    {
        var messages = AssertInvalid(ValidCreate with { Priority = "extreme" }, "priority");

        Assert.That(messages.Single(), Is.EqualTo("'extreme' is not allowed; use one of: low, medium, high, urgent."));
    }

    [Test]
    public void CreateTask_WithUnknownComplexity_ListsTheAllowedValues() =>
        Assert.That(AssertInvalid(ValidCreate with { Complexity = "huge" }, "complexity").Single(), Does.EndWith("use one of: low, medium, high."));

    [Test]
    public void CreateTask_WithUnknownStatus_ListsTheAllowedValues() =>
        Assert.That(AssertInvalid(ValidCreate with { Status = "frozen" }, "status").Single(),
            Does.Contain("not_started, in_progress, blocked, completed, cancelled"));

    [Test]
    public void CreateTask_WithTooLongAssignee_FailsOnSnakeCaseField() =>
        AssertInvalid(ValidCreate with { AssigneeId = new string('a', 256) }, "assignee_id");

    [Test]
    public void CreateTask_WithTooLongRepository_FailsOnRepository() =>
        AssertInvalid(ValidCreate with { Repository = new string('r', 256) }, "repository");

    [Test]
    public void CreateTask_WithTooLongLabel_FailsOnCreatedBy() =>
        AssertInvalid(ValidCreate with { CreatedBy = new string('c', 256) }, "created_by");

    [Test]
    public void CreateTask_WithTooLongIdempotencyKey_FailsOnIdempotencyKey() =>
        AssertInvalid(ValidCreate with { IdempotencyKey = new string('k', 256) }, "idempotency_key");

    [Test]
    public void CreateTask_WithSeveralProblems_ReportsEachField()
    {
        var result = Validate(new CreateTaskCommand("", null, null, null, Priority: "x", Complexity: "y", Status: "z"));

        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EquivalentTo(new[] { "title", "priority", "complexity", "status" }));
    }

    [Test]
    public void UpdateTask_WithNothingToChange_Passes() => AssertValid(new UpdateTaskCommand(TaskId));

    [Test]
    public void UpdateTask_ClearingAssigneeAndRepository_Passes() =>
        AssertValid(new UpdateTaskCommand(TaskId, AssigneeId: Optional<string>.Of(null), Repository: Optional<string>.Of(null)));

    [Test]
    public void UpdateTask_WithBlankTitle_FailsOnTitle() =>
        Assert.That(AssertInvalid(new UpdateTaskCommand(TaskId, Title: "   "), "title"), Does.Contain("A title cannot be empty."));

    [Test]
    public void UpdateTask_WithUnknownPriority_ListsTheAllowedValues() =>
        Assert.That(AssertInvalid(new UpdateTaskCommand(TaskId, Priority: "p1"), "priority").Single(), Does.Contain("low, medium, high, urgent"));

    [Test]
    public void UpdateTask_WithTooLongAssignee_FailsOnAssigneeId() =>
        AssertInvalid(new UpdateTaskCommand(TaskId, AssigneeId: Optional<string>.Of(new string('a', 256))), "assignee_id");

    [Test]
    public void UpdateTask_WithTooLongRepository_FailsOnRepository() =>
        AssertInvalid(new UpdateTaskCommand(TaskId, Repository: Optional<string>.Of(new string('r', 256))), "repository");

    [Test]
    public void UpdateTask_WithControlCharactersInLabel_FailsOnUpdatedBy() =>
        AssertInvalid(new UpdateTaskCommand(TaskId, UpdatedBy: "agent\u001b[31m"), "updated_by");

    [TestCase("completed")]
    [TestCase("In Progress")]
    [TestCase("not-started")]
    public void ChangeStatus_WithAnyAcceptedSpelling_Passes(string status) =>
        AssertValid(new ChangeTaskStatusCommand(TaskId, status, "done\twith tabs"));

    [TestCase(null)]
    [TestCase("")]
    public void ChangeStatus_WithoutStatus_SaysWhichValuesAreAllowed(string? status) =>
        Assert.That(AssertInvalid(new ChangeTaskStatusCommand(TaskId, status, null), "status"),
            Has.Some.EqualTo("A status is required; use one of: not_started, in_progress, blocked, completed, cancelled."));

    [Test]
    public void ChangeStatus_WithUnknownStatus_SaysWhichValuesAreAllowed() =>
        Assert.That(AssertInvalid(new ChangeTaskStatusCommand(TaskId, "frozen", null), "status").Single(),
            Is.EqualTo("'frozen' is not allowed; use one of: not_started, in_progress, blocked, completed, cancelled."));

    [Test]
    public void ChangeStatus_WithTooLongComment_FailsOnComment() =>
        AssertInvalid(new ChangeTaskStatusCommand(TaskId, "blocked", new string('c', 10_001)), "comment");

    [Test]
    public void ChangeStatus_WithTooLongLabel_FailsOnUpdatedBy() =>
        AssertInvalid(new ChangeTaskStatusCommand(TaskId, "blocked", null, UpdatedBy: new string('u', 256)), "updated_by");

    [Test]
    public void AddComment_WithText_Passes() => AssertValid(new AddCommentCommand(TaskId, "Looks good", "claude"));

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" \n\t ")]
    public void AddComment_Blank_FailsOnComment(string? comment) =>
        Assert.That(AssertInvalid(new AddCommentCommand(TaskId, comment), "comment"), Does.Contain("A comment cannot be empty."));

    [Test]
    public void AddComment_TooLong_FailsOnComment() =>
        AssertInvalid(new AddCommentCommand(TaskId, new string('c', 10_001)), "comment");

    [Test]
    public void AddComment_WithControlCharacterInAuthor_FailsOnAuthor() =>
        AssertInvalid(new AddCommentCommand(TaskId, "ok", "nul\0"), "author");

    [Test]
    public void GetTasks_WithEveryFilter_Passes() =>
        AssertValid(new GetTasksQuery("me", "auth-service", "In Progress, blocked", "high,urgent", "keys", DateTimeOffset.UtcNow, 500, null, "updated_at"));

    [Test]
    public void GetTasks_WithUnknownStatusInAList_NamesItAndListsTheAllowedValues() =>
        Assert.That(AssertInvalid(new GetTasksQuery(Status: "blocked,frozen,gone"), "status").Single(),
            Is.EqualTo("'frozen, gone' is not allowed; use one or more of: not_started, in_progress, blocked, completed, cancelled, separated by commas."));

    [Test]
    public void GetTasks_WithUnknownPriority_FailsOnPriority() =>
        Assert.That(AssertInvalid(new GetTasksQuery(Priority: "p0"), "priority").Single(), Does.Contain("low, medium, high, urgent"));

    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(501)]
    public void GetTasks_WithLimitOutOfRange_FailsOnLimit(int limit) =>
        Assert.That(AssertInvalid(new GetTasksQuery(Limit: limit), "limit").Single(), Is.EqualTo("limit must be between 1 and 500."));

    [Test]
    public void GetTasks_WithUnknownSort_FailsOnSort() =>
        Assert.That(AssertInvalid(new GetTasksQuery(Sort: "title"), "sort").Single(), Is.EqualTo("sort must be 'created_at' or 'updated_at'."));

    [Test]
    public void GetTasks_WithTooLongSearch_FailsOnSearch() =>
        AssertInvalid(new GetTasksQuery(Search: new string('q', 201)), "search");

    [Test]
    public void GetTasks_WithTooLongAssignee_FailsOnAssignee() =>
        AssertInvalid(new GetTasksQuery(Assignee: new string('a', 256)), "assignee");

    [Test]
    public void CompleteTask_WithASummaryAndWebLinks_Passes() =>
        AssertValid(new CompleteTaskCommand(TaskId, "Merged.", ["https://github.com/acme/api/pull/42", "http://ci.local/build/7"]));

    [TestCase("ftp://x.dev/1")]
    [TestCase("not a url")]
    [TestCase("/relative/path")]
    public void CompleteTask_WithALinkThatIsNoWebAddress_NamesLinks(string link) =>
        Assert.That(AssertInvalid(new CompleteTaskCommand(TaskId, "Merged.", [link]), "links").Single(), Does.Contain($"'{link}' is not a link"));

    [Test]
    public void CompleteTask_WithoutASummary_NamesSummary() =>
        AssertInvalid(new CompleteTaskCommand(TaskId, " ", null), "summary");
}
