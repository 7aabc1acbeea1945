using FluentValidation;
using TaskManager.Application.Common.Idempotency;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Repositories;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.CreateTask;

public sealed class CreateTaskValidator : AbstractValidator<CreateTaskCommand>
{
    public CreateTaskValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("A task needs a title.")
            .MaximumLength(TaskItem.TitleMaxLength).NoControlCharacters();
        RuleFor(c => c.Description).MaximumLength(TaskItem.DescriptionMaxLength).NoControlCharacters();
        RuleFor(c => c.AssigneeId).MustBeUserReference();
        RuleFor(c => c.Repository).MaximumLength(CodeRepository.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.Priority).MustBeOneOf(WireEnums.Priority);
        RuleFor(c => c.Complexity).MustBeOneOf(WireEnums.Complexity);
        RuleFor(c => c.Status).MustBeOneOf(WireEnums.Status);
        RuleFor(c => c.CreatedBy).MaximumLength(TaskItem.LabelMaxLength).NoControlCharacters();
        RuleFor(c => c.IdempotencyKey).MaximumLength(IdempotencyRecord.KeyMaxLength).NoControlCharacters();
    }
}
