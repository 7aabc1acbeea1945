using FluentValidation;
using TaskManager.Application.Common.Validation;

namespace TaskManager.Application.ApiKeys.Queries.GetApiKeys;

public sealed class GetApiKeysValidator : AbstractValidator<GetApiKeysQuery>
{
    public GetApiKeysValidator() => RuleFor(q => q.UserId).MustBeUserReference();
}
