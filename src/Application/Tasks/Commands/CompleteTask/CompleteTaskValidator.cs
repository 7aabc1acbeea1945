using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Tasks;

namespace TaskManager.Application.Tasks.Commands.CompleteTask;

public sealed class CompleteTaskValidator : AbstractValidator<CompleteTaskCommand>
{
    public CompleteTaskValidator()
    {
        RuleFor(c => c.Summary).NotEmpty().WithMessage("Say what was done: a completion needs a summary.")
            .MaximumLength(FieldLimits.Comment).NoControlCharacters();
        RuleFor(c => c.Links).Must(links => links is null || links.Count <= TaskItem.MaxEvidenceLinks)
            .WithMessage($"At most {TaskItem.MaxEvidenceLinks} links can be kept with a completion.");
        RuleForEach(c => c.Links).OverrideIndexer((_, _, _, _) => "").Must(IsWebAddress)
            .WithMessage((_, link) => $"'{link}' is not a link; give absolute http(s) URLs of at most {FieldLimits.EvidenceLink} characters, "
                + "such as https://github.com/acme/api/pull/42.")
            .OverridePropertyName("links"); // one field for the form and the agent, not links[0], links[1]...
        RuleFor(c => c.UpdatedBy).MaximumLength(FieldLimits.Label).NoControlCharacters();
    }

    public static bool IsWebAddress(string? link) =>
        link is { Length: > 0 and <= FieldLimits.EvidenceLink }
        && Uri.TryCreate(link.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
