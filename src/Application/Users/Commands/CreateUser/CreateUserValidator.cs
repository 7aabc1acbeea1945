using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Users;

namespace TaskManager.Application.Users.Commands.CreateUser;

public sealed class CreateUserValidator : AbstractValidator<CreateUserCommand>
{
    public CreateUserValidator()
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage("An email is required.")
            .MaximumLength(User.EmailMaxLength).NoControlCharacters()
            .EmailAddress().WithMessage("Email must be an address such as ada@example.com.");
        RuleFor(c => c.Name).MaximumLength(User.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.GithubUsername).MaximumLength(FieldLimits.UserName).NoControlCharacters();
    }
}
