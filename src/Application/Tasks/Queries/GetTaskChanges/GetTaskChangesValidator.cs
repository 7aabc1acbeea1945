using FluentValidation;
using TaskManager.Application.Contract;

namespace TaskManager.Application.Tasks.Queries.GetTaskChanges;

public sealed class GetTaskChangesValidator : AbstractValidator<GetTaskChangesQuery>
{
    public GetTaskChangesValidator()
    {
        RuleFor(q => q.SinceChange).NotEmpty().OverridePropertyName(GetTaskChangesQuery.Field)
            .WithMessage($"{GetTaskChangesQuery.Field} is required: the next_sync_token of the previous answer, or 0 to start.");
        RuleFor(q => q.Limit).InclusiveBetween(1, Paging.MaxLimit)
            .WithMessage($"limit must be between 1 and {Paging.MaxLimit}.");
    }
}
