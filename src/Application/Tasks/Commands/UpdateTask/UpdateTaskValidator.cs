using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.UpdateTask;

public sealed class UpdateTaskValidator : AbstractValidator<UpdateTaskCommand>
{
    public UpdateTaskValidator()
    {
        RuleFor(c => c.Title).Must(t => t is null || t.Trim().Length > 0).WithMessage("A title cannot be empty.")
            .MaximumLength(TaskItem.TitleMaxLength).NoControlCharacters();
        RuleFor(c => c.Description).MaximumLength(TaskItem.DescriptionMaxLength).NoControlCharacters();
        RuleFor(c => c.Priority).MustBeOneOf(WireEnums.Priority);
        RuleFor(c => c.Complexity).MustBeOneOf(WireEnums.Complexity);
        RuleFor(c => c.AssigneeId.Value).MustBeUserReference().OverridePropertyName("assignee_id");
        RuleFor(c => c.Repository.Value).MaximumLength(CodeRepository.NameMaxLength).NoControlCharacters().OverridePropertyName("repository");
        RuleFor(c => c.UpdatedBy).MaximumLength(TaskItem.LabelMaxLength).NoControlCharacters();
    }
}
