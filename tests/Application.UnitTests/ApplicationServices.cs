using AutoMapper;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Events;

namespace TaskManager.Application.UnitTests;

/// <summary>
/// The Application layer as the host wires it (AddApplication), once for the whole assembly: it also installs
/// the global FluentValidation settings that name fields in snake_case, which the validator tests rely on.
/// </summary>
[SetUpFixture]
public sealed class ApplicationServices
{
    private static ServiceProvider? _provider;

    private static ServiceProvider Provider => _provider ?? throw new InvalidOperationException("The set-up fixture has not run.");

    public static IMapper Mapper => Provider.GetRequiredService<IMapper>();

    public static TaskEventOutbox Outbox => Provider.GetRequiredService<TaskEventOutbox>();

    public static IValidator<T> ValidatorFor<T>() => Provider.GetRequiredService<IValidator<T>>();

    [OneTimeSetUp]
    public void Build() => _provider = new ServiceCollection().AddLogging().AddApplication().BuildServiceProvider();

    [OneTimeTearDown]
    public void Dispose() => _provider?.Dispose();
}
