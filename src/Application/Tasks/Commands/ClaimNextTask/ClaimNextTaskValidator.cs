using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Commands.ClaimNextTask;

public sealed class ClaimNextTaskValidator : AbstractValidator<ClaimNextTaskCommand>
{
    public ClaimNextTaskValidator()
    {
        RuleFor(c => c.Repository).MaximumLength(FieldLimits.RepositoryName).NoControlCharacters();
        RuleFor(c => c.Priority).MustBeOneOf(WireEnums.Priority);
    }
}
