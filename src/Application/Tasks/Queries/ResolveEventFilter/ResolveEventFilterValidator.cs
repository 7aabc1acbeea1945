using FluentValidation;

namespace TaskManager.Application.Tasks.Queries.ResolveEventFilter;

public sealed class ResolveEventFilterValidator : AbstractValidator<ResolveEventFilterQuery>
{
    /// <summary>Enough for any dashboard; bounds the matching work per event.</summary>
    public const int MaxRepositories = 100;

    public ResolveEventFilterValidator() =>
        RuleFor(q => q.Repositories)
            .Must(r => Split(r).Count <= MaxRepositories)
            .WithMessage($"At most {MaxRepositories} repositories can be followed by one stream.");

    public static IReadOnlyList<string> Split(string? repositories) =>
        string.IsNullOrWhiteSpace(repositories)
            ? []
            : repositories.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
