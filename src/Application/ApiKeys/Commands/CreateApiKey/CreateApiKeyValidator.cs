using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Domain.ApiKeys;

namespace TaskManager.Application.ApiKeys.Commands.CreateApiKey;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("A key needs a name that says what it is for.")
            .MaximumLength(ApiKey.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.UserId).MustBeUserReference();
    }
}
