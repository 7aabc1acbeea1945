using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Repositories.Queries.GetRepositories;

public sealed class GetRepositoriesValidator : AbstractValidator<GetRepositoriesQuery>
{
    public GetRepositoriesValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).WithMessage($"limit must be between 1 and {Paging.MaxLimit}.");
        RuleFor(q => q.Search).MaximumLength(FieldLimits.SearchText).NoControlCharacters();
    }
}
