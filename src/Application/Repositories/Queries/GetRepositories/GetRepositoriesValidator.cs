using FluentValidation;

namespace TaskManager.Application.Repositories.Queries.GetRepositories;

public sealed class GetRepositoriesValidator : AbstractValidator<GetRepositoriesQuery>
{
    public GetRepositoriesValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, 500).WithMessage("limit must be between 1 and 500.");
}
