using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.ReleaseTask;

public sealed class ReleaseTaskValidator : AbstractValidator<ReleaseTaskCommand>
{
    public ReleaseTaskValidator() => RuleFor(c => c.Comment).MaximumLength(TaskComment.MaxLength).NoControlCharacters();
}
