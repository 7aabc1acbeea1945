using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

public sealed class ChangeTaskStatusValidator : AbstractValidator<ChangeTaskStatusCommand>
{
    public ChangeTaskStatusValidator()
    {
        RuleFor(c => c.Status).NotEmpty().WithMessage($"A status is required; use one of: {string.Join(", ", WireEnums.Status.Allowed)}.")
            .MustBeOneOf(WireEnums.Status);
        RuleFor(c => c.Comment).MaximumLength(TaskComment.MaxLength).NoControlCharacters();
        RuleFor(c => c.UpdatedBy).MaximumLength(TaskItem.LabelMaxLength).NoControlCharacters();
    }
}
