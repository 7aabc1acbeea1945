using FluentValidation;
using TaskManager.Application.Common.Behaviours;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Application.Tasks.Queries.GetTasks;
using AppValidationException = TaskManager.Application.Common.Exceptions.ValidationException;

namespace TaskManager.Application.UnitTests.Behaviours;

public sealed class ValidationBehaviourTests
{
    private static readonly CreateTaskResult Result = new(null!, Replayed: false);

    [Test]
    public async Task Handle_WithValidMessage_CallsTheHandler()
    {
        var behaviour = new ValidationBehaviour<CreateTaskCommand, CreateTaskResult>([new TitleRequired()]);
        var called = false;

        var result = await behaviour.Handle(new CreateTaskCommand("Rotate keys", null, null, null), (_, _) =>
        {
            called = true;
            return ValueTask.FromResult(Result);
        }, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(called, Is.True);
            Assert.That(result, Is.SameAs(Result));
        });
    }

    [Test]
    public void Handle_WithInvalidMessage_ThrowsWithEveryFieldAndDoesNotCallTheHandler()
    {
        var behaviour = new ValidationBehaviour<CreateTaskCommand, CreateTaskResult>([new TitleRequired(), new PriorityKnown()]);
        var called = false;

        var error = Assert.ThrowsAsync<AppValidationException>(async () => await behaviour.Handle(
            new CreateTaskCommand("", null, null, null, Priority: "p9"),
            (_, _) =>
            {
                called = true;
                return ValueTask.FromResult(Result);
            },
            CancellationToken.None));

        Assert.Multiple(() =>
        {
            Assert.That(called, Is.False);
            Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "title", "priority" }));
            Assert.That(error.Errors["priority"], Is.EqualTo(new[] { "priority is unknown" }));
            Assert.That(error.Message, Does.Contain("title").And.Contain("priority"));
        });
    }

    [Test]
    public void Handle_WithTwoValidatorsFailingOneField_GroupsAndDeduplicatesTheMessages()
    {
        var behaviour = new ValidationBehaviour<CreateTaskCommand, CreateTaskResult>([new TitleRequired(), new TitleRequired(), new TitleShort()]);

        var error = Assert.ThrowsAsync<AppValidationException>(async () => await behaviour.Handle(
            new CreateTaskCommand("", null, null, null), (_, _) => ValueTask.FromResult(Result), CancellationToken.None));

        Assert.That(error!.Errors["title"], Is.EqualTo(new[] { "title is required", "title is too short" }));
    }

    [Test]
    public async Task Handle_WithoutValidators_CallsTheHandler()
    {
        var behaviour = new ValidationBehaviour<GetTasksQuery, int>([]);

        var result = await behaviour.Handle(new GetTasksQuery(Limit: -5), (_, _) => ValueTask.FromResult(42), CancellationToken.None);

        Assert.That(result, Is.EqualTo(42));
    }

    [Test]
    public async Task Handle_WithTheRealValidators_RejectsWhatTheyReject()
    {
        var behaviour = new ValidationBehaviour<GetTasksQuery, int>([ApplicationServices.ValidatorFor<GetTasksQuery>()]);

        var error = Assert.ThrowsAsync<AppValidationException>(async () =>
            await behaviour.Handle(new GetTasksQuery(Limit: 0, Sort: "x"), (_, _) => ValueTask.FromResult(1), CancellationToken.None));

        Assert.That(error!.Errors.Keys, Is.EquivalentTo(new[] { "limit", "sort" }));
        Assert.That(await behaviour.Handle(new GetTasksQuery(Limit: 1), (_, _) => ValueTask.FromResult(1), CancellationToken.None), Is.EqualTo(1));
    }

    private sealed class TitleRequired : AbstractValidator<CreateTaskCommand>
    {
        public TitleRequired() => RuleFor(c => c.Title).NotEmpty().WithMessage("title is required");
    }

    private sealed class TitleShort : AbstractValidator<CreateTaskCommand>
    {
        public TitleShort() => RuleFor(c => c.Title).MinimumLength(3).WithMessage("title is too short");
    }

    private sealed class PriorityKnown : AbstractValidator<CreateTaskCommand>
    {
        public PriorityKnown() => RuleFor(c => c.Priority).Must(p => p is null or "low").WithMessage("priority is unknown");
    }
}
