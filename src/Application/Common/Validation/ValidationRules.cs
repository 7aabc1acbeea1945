using FluentValidation;
using TaskManager.Application.Contract;
using TaskManager.Domain.Common;

namespace TaskManager.Application.Common.Validation;

/// <summary>Rules shared by the validators, with messages that tell the caller how to fix the input.</summary>
public static class ValidationRules
{
    /// <summary>The value must be one of the enum's values (case and separators do not matter); the message lists them.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeOneOf<T, TEnum>(this IRuleBuilder<T, string?> rule, EnumParser<TEnum> parser)
        where TEnum : struct, Enum =>
        rule.Must(value => value is null || parser.TryParse(value, out TEnum _))
            .WithMessage((_, value) => $"'{value}' is not allowed; use one of: {string.Join(", ", parser.Allowed)}.");

    /// <summary>A comma-separated list whose every item is one of the enum's values.</summary>
    public static IRuleBuilderOptions<T, string?> MustBeListOf<T, TEnum>(this IRuleBuilder<T, string?> rule, EnumParser<TEnum> parser)
        where TEnum : struct, Enum =>
        rule.Must(value => value is null || SplitList(value).All(v => parser.TryParse(v, out TEnum _)))
            .WithMessage((_, value) =>
                $"'{string.Join(", ", SplitList(value!).Where(v => !parser.TryParse(v, out TEnum _)))}' is not allowed; use one or more of: {string.Join(", ", parser.Allowed)}, separated by commas.");

    public static IRuleBuilderOptions<T, string?> MustBeUserReference<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(FieldLimits.UserReference).WithMessage($"A user is named by UUID, by email or as 'me', at most {FieldLimits.UserReference} characters.")
            .NoControlCharacters();

    public static IRuleBuilderOptions<T, string?> NoControlCharacters<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(value => value is null || !value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            .WithMessage("Control characters are not allowed.");

    public static IReadOnlyList<string> SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static TEnum Parse<TEnum>(this EnumParser<TEnum> parser, string value) where TEnum : struct, Enum =>
        parser.TryParse(value, out var parsed) ? parsed : throw new InvalidOperationException($"'{value}' passed validation but does not parse.");
}
