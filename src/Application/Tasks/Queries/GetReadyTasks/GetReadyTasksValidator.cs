using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.GetReadyTasks;

public sealed class GetReadyTasksValidator : AbstractValidator<GetReadyTasksQuery>
{
    public GetReadyTasksValidator()
    {
        RuleFor(q => q.Repository).MaximumLength(FieldLimits.RepositoryName).NoControlCharacters();
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit).WithMessage($"limit must be between 1 and {Paging.MaxLimit}.");
    }
}
