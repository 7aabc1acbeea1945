using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Domain.Repositories;

namespace TaskManager.Application.Repositories.Commands.CreateRepository;

public sealed class CreateRepositoryValidator : AbstractValidator<CreateRepositoryCommand>
{
    public CreateRepositoryValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("A repository needs a name.")
            .MaximumLength(CodeRepository.NameMaxLength)
            .Matches("^[A-Za-z0-9._/-]+$").WithMessage("A repository name may contain letters, digits, '.', '_', '-' and '/' only.");
        RuleFor(c => c.Url).MaximumLength(CodeRepository.UrlMaxLength).NoControlCharacters()
            .Must(u => u is null || (Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ssh" or "git"))
            .WithMessage("url must be an absolute http(s), ssh or git URL.");
    }
}
