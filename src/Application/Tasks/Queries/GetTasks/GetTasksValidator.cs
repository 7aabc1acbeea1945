using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Queries.GetTasks;

public sealed class GetTasksValidator : AbstractValidator<GetTasksQuery>
{
    public GetTasksValidator()
    {
        RuleFor(q => q.Assignee).MustBeUserReference();
        RuleFor(q => q.Repository).MaximumLength(CodeRepository.NameMaxLength).NoControlCharacters();
        RuleFor(q => q.Status).MustBeListOf(TaskEnums.Status);
        RuleFor(q => q.Priority).MustBeListOf(TaskEnums.Priority);
        RuleFor(q => q.Search).MaximumLength(200).NoControlCharacters();
        RuleFor(q => q.Limit).InclusiveBetween(1, GetTasksQuery.MaxLimit)
            .WithMessage($"limit must be between 1 and {GetTasksQuery.MaxLimit}.");
        RuleFor(q => q.Sort).Must(s => s is null or GetTasksQuery.ByCreated or GetTasksQuery.ByUpdated)
            .WithMessage($"sort must be '{GetTasksQuery.ByCreated}' or '{GetTasksQuery.ByUpdated}'.");
    }
}
