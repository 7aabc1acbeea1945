using FluentValidation;
using Mediator;

namespace TaskManager.Architecture.Tests;

/// <summary>Use cases are final: handlers, validators and behaviours are sealed (house rule: sealed by default).</summary>
public sealed class SealedTypeTests
{
    private static readonly Type[] UseCaseInterfaces =
    [
        typeof(ICommandHandler<,>), typeof(ICommandHandler<>), typeof(IQueryHandler<,>), typeof(IRequestHandler<,>),
        typeof(INotificationHandler<>), typeof(IPipelineBehavior<,>),
    ];

    [Test]
    public void Handlers_AreSealed()
    {
        var handlers = ConcreteTypes().Where(t => t.GetInterfaces().Any(i => i.IsGenericType && UseCaseInterfaces.Contains(i.GetGenericTypeDefinition()))).ToList();

        Assert.That(handlers, Is.Not.Empty, "No handler was found; the scan is broken.");
        Assert.That(handlers.Where(t => !t.IsSealed).Select(t => t.FullName), Is.Empty);
    }

    [Test]
    public void Validators_AreSealed()
    {
        var validators = ConcreteTypes().Where(t => typeof(IValidator).IsAssignableFrom(t)).ToList();

        Assert.That(validators, Is.Not.Empty, "No validator was found; the scan is broken.");
        Assert.That(validators.Where(t => !t.IsSealed).Select(t => t.FullName), Is.Empty);
    }

    [Test]
    public void EveryCommandAndQuery_HasAHandler()
    {
        var messages = ConcreteTypes().Where(t => t.GetInterfaces().Any(i => i == typeof(IBaseCommand) || i == typeof(IBaseQuery))).ToList();
        var handled = ConcreteTypes()
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && UseCaseInterfaces.Contains(i.GetGenericTypeDefinition()))
            .Select(i => i.GetGenericArguments()[0])
            .ToHashSet();

        Assert.That(messages, Is.Not.Empty);
        Assert.That(messages.Where(m => !handled.Contains(m)).Select(m => m.FullName), Is.Empty);
    }

    private static IEnumerable<Type> ConcreteTypes() =>
        Assemblies.All.SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.Namespace?.StartsWith("TaskManager.", StringComparison.Ordinal) == true
                && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false));
}
