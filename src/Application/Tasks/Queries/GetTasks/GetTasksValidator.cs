using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.GetTasks;

public sealed class GetTasksValidator : AbstractValidator<GetTasksQuery>
{
    public GetTasksValidator()
    {
        RuleFor(q => q.Assignee).MustBeUserReference();
        RuleFor(q => q.Repository).MaximumLength(FieldLimits.RepositoryName).NoControlCharacters();
        RuleFor(q => q.Status).MustBeListOf(WireEnums.Status);
        RuleFor(q => q.Priority).MustBeListOf(WireEnums.Priority);
        RuleFor(q => q.Search).MaximumLength(FieldLimits.SearchText).NoControlCharacters();
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit)
            .WithMessage($"limit must be between 1 and {Paging.MaxLimit}.");
        RuleFor(q => q.Sort).Must(s => s is null or GetTasksQuery.ByCreated or GetTasksQuery.ByUpdated)
            .WithMessage($"sort must be '{GetTasksQuery.ByCreated}' or '{GetTasksQuery.ByUpdated}'.");
    }
}
