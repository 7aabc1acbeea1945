using FluentValidation;
using FluentValidation.Results;

namespace TaskManager.Application.UnitTests.Validation;

internal static class ValidationAssertions
{
    public static ValidationResult Validate<T>(T message) => ApplicationServices.ValidatorFor<T>().Validate(message);

    public static void AssertValid<T>(T message)
    {
        var result = Validate(message);
        Assert.That(result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"), Is.Empty);
    }

    /// <summary>Asserts that exactly <paramref name="field"/> fails, and returns its messages.</summary>
    public static IReadOnlyList<string> AssertInvalid<T>(T message, string field)
    {
        var result = Validate(message);
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { field }),
            string.Join("; ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));
        return [.. result.Errors.Select(e => e.ErrorMessage)];
    }

    public static IValidator<T> ValidatorFor<T>() => ApplicationServices.ValidatorFor<T>();
}
