using FluentValidation;

namespace TaskManager.Application.Users.Queries.GetUsers;

public sealed class GetUsersValidator : AbstractValidator<GetUsersQuery>
{
    public GetUsersValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, 500).WithMessage("limit must be between 1 and 500.");
}
