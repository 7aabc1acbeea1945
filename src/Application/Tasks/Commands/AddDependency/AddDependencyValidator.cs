using FluentValidation;

namespace TaskManager.Application.Tasks.Commands.AddDependency;

public sealed class AddDependencyValidator : AbstractValidator<AddDependencyCommand>
{
    public AddDependencyValidator() =>
        RuleFor(c => c.BlockedBy).NotNull().WithMessage("blocked_by is required: the id of the task this one waits for.");
}
