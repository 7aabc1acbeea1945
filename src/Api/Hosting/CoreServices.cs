using Mediator;
using TaskManager.Application;
using TaskManager.Application.Common.Behaviours;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Infrastructure;

namespace TaskManager.Api.Hosting;

/// <summary>What every entry point needs (web host, CLI verbs, stdio MCP): use cases, persistence, the mediator.</summary>
public static class CoreServices
{
    public static IServiceCollection AddTaskManagerCore(this IServiceCollection services, IHostEnvironment environment)
    {
        // Hosts register the meter factory themselves; a bare ServiceCollection (the functional tests) needs it too.
        services.AddMetrics();
        services.AddApplication();
        services.AddInfrastructure(environment);
        services.AddMediator((MediatorOptions options) =>
        {
            options.Assemblies = [typeof(CreateTaskCommand)];
            options.ServiceLifetime = ServiceLifetime.Scoped;
            // Outermost first: time everything, refuse the unauthorised before validating their input.
            options.PipelineBehaviors = [typeof(LoggingBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>)];
        });
        return services;
    }
}
