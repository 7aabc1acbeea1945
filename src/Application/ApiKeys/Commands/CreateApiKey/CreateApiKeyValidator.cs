using FluentValidation;
using TaskManager.Application.Common.Validation;
using TaskManager.Application.Contract;
using TaskManager.Domain.ApiKeys;

namespace TaskManager.Application.ApiKeys.Commands.CreateApiKey;

public sealed class CreateApiKeyValidator : AbstractValidator<CreateApiKeyCommand>
{
    public CreateApiKeyValidator()
    {
        RuleFor(c => c.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("A key needs a name that says what it is for.")
            .MaximumLength(ApiKey.NameMaxLength).NoControlCharacters();
        RuleFor(c => c.UserId).MustBeUserReference();
        RuleFor(c => c.Scopes)
            .Must(scopes => scopes is null || scopes.All(s => s is not null && ApiKeyScopes.IsKnown(CreateApiKeyHandler.NormalizeScope(s))))
            .WithMessage((_, scopes) =>
                $"'{string.Join("', '", scopes!.Where(s => s is null || !ApiKeyScopes.IsKnown(CreateApiKeyHandler.NormalizeScope(s))))}' is not a scope; " +
                $"use [\"{ApiKeyScopes.Read}\"] for a key that only reads, or [\"{ApiKeyScopes.Read}\", \"{ApiKeyScopes.Write}\"] (the default).");
        // Every tool that changes a task answers with the task, which is a read: a write-only key could change and never see.
        RuleFor(c => c.Scopes)
            .Must(scopes => !Names(scopes, ApiKeyScopes.Write) || Names(scopes, ApiKeyScopes.Read))
            .WithMessage($"A key that writes must also read (every change answers with the task it changed); use [\"{ApiKeyScopes.Read}\", \"{ApiKeyScopes.Write}\"].");
        RuleFor(c => c.Repositories)
            .Must(names => names is null || names.Count is > 0 and <= FieldLimits.ApiKeyRepositories)
            .WithMessage($"Limit a key to 1 to {FieldLimits.ApiKeyRepositories} repositories, or leave repositories out for a key that reaches every repository.")
            .Must(names => names is null || names.All(n => !string.IsNullOrWhiteSpace(n)))
            .WithMessage("Each repository is named by its name; remove the empty one.")
            .Must(names => names is null || FirstDuplicate(names) is null)
            .WithMessage((_, names) => $"'{FirstDuplicate(names!)}' is named twice; name each repository once.");
        RuleForEach(c => c.Repositories).MaximumLength(FieldLimits.RepositoryName).NoControlCharacters();
    }

    /// <summary>Repository names are matched without regard to case elsewhere, so "API" and "api" are the same one here too.</summary>
    private static string? FirstDuplicate(IReadOnlyList<string> names) =>
        names.Where(n => !string.IsNullOrWhiteSpace(n)).GroupBy(n => n.Trim(), StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Count() > 1)?.Key;

    private static bool Names(IReadOnlyList<string>? scopes, string scope) =>
        scopes is not null && scopes.Any(s => s is not null && CreateApiKeyHandler.NormalizeScope(s) == scope);
}
