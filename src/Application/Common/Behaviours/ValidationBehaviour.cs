using FluentValidation;
using Mediator;

namespace TaskManager.Application.Common.Behaviours;

/// <summary>Runs every validator of a request before its handler, and reports all failures at once.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly IValidator<TMessage>[] _validators = [.. validators];

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (_validators.Length > 0)
        {
            var context = new ValidationContext<TMessage>(message);
            var failures = new List<FluentValidation.Results.ValidationFailure>();
            foreach (var validator in _validators)
                failures.AddRange((await validator.ValidateAsync(context, cancellationToken)).Errors);
            if (failures.Count > 0)
            {
                throw new Exceptions.ValidationException(failures
                    .GroupBy(f => f.PropertyName, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Select(f => f.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal));
            }
        }
        return await next(message, cancellationToken);
    }
}
