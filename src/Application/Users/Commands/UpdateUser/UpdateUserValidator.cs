using FluentValidation;

namespace TaskManager.Application.Users.Commands.UpdateUser;

public sealed class UpdateUserValidator : AbstractValidator<UpdateUserCommand>
{
    public UpdateUserValidator() =>
        RuleFor(c => c.Active).NotNull()
            .WithMessage("Send active: false to deactivate the user or active: true to reactivate them.");
}
