using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

public sealed class ChangeTaskStatusValidator : AbstractValidator<ChangeTaskStatusCommand>
{
    public ChangeTaskStatusValidator()
    {
        RuleFor(c => c.Status).NotEmpty().WithMessage($"A status is required; use one of: {string.Join(", ", TaskEnums.Status.Allowed)}.")
            .MustBeOneOf(TaskEnums.Status);
        RuleFor(c => c.Comment).MaximumLength(TaskComment.MaxLength).NoControlCharacters();
        RuleFor(c => c.UpdatedBy).MaximumLength(TaskItem.LabelMaxLength).NoControlCharacters();
    }
}
