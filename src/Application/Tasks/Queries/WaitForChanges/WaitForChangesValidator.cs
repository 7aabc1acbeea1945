using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.WaitForChanges;

public sealed class WaitForChangesValidator : AbstractValidator<WaitForChangesQuery>
{
    public WaitForChangesValidator()
    {
        RuleFor(q => q.TimeoutSeconds).InclusiveBetween(0, WaitForChangesQuery.MaxTimeoutSeconds)
            .WithMessage($"timeout_seconds must be between 0 (just look) and {WaitForChangesQuery.MaxTimeoutSeconds}.");
        RuleFor(q => q.Repository).MaximumLength(FieldLimits.RepositoryName).NoControlCharacters();
    }
}
