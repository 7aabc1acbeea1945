using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Users.Commands.UpdateUser;

public sealed class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator()
    {
        RuleFor(c => c).Must(c => c.Active is not null || c.Email is not null || c.Name is not null)
            .WithMessage("Nothing to change: send active (false deactivates, true reactivates), email or name.")
            .OverridePropertyName("body");
        RuleFor(c => c.Email).MaximumLength(User.EmailMaxLength).NoControlCharacters()
            .EmailAddress().WithMessage("Email must be an address such as ada@example.com.");
        RuleFor(c => c.Name).MaximumLength(User.NameMaxLength).NoControlCharacters();
    }
}
