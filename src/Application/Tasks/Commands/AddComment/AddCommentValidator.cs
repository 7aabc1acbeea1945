using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.AddComment;

public sealed class AddCommentValidator : AbstractValidator<AddCommentCommand>
{
    public AddCommentValidator()
    {
        RuleFor(c => c.Comment).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("A comment cannot be empty.")
            .MaximumLength(TaskComment.MaxLength).NoControlCharacters();
        RuleFor(c => c.Author).MaximumLength(TaskItem.LabelMaxLength).NoControlCharacters();
    }
}
