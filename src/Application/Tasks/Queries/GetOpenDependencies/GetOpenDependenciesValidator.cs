using FluentValidation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.GetOpenDependencies;

public sealed class GetOpenDependenciesValidator : AbstractValidator<GetOpenDependenciesQuery>
{
    public GetOpenDependenciesValidator() =>
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).WithMessage($"limit must be between 1 and {Paging.MaxLimit}.");
}
