using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Common.Interfaces;
using TaskManager.Application.Common.Lookups;
using TaskManager.Application.Common.Mapping;
using TaskManager.Application.Common.Metrics;
using TaskManager.Application.Tasks;
using TaskManager.Domain.Common;

namespace TaskManager.Application;

public static class DependencyInjection
{
    /// <summary>Validators, mapping and the use cases' helpers. The mediator itself is wired by the host (source generator).</summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        // Errors name fields as the wire does (assignee_id, not AssigneeId).
        ValidatorOptions.Global.PropertyNameResolver = (_, member, _) => member is null ? null : SnakeCase.From(member.Name);
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : SnakeCase.From(member.Name);
        services.AddValidatorsFromAssemblyContaining<MappingProfile>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.AddAutoMapper(cfg => cfg.AddProfile<MappingProfile>());
        services.AddSingleton<TaskEventOutbox>();
        services.AddSingleton<DirectoryEventOutbox>();
        services.AddSingleton<DirectoryChanges>();
        services.AddSingleton<TaskManagerMetrics>();
        services.AddSingleton<DirectoryCache>();
        services.AddSingleton<IDirectoryChangeListener>(sp => sp.GetRequiredService<DirectoryCache>());
        services.AddScoped<UserResolver>();
        services.AddScoped<RepositoryResolver>();
        services.AddScoped<TaskReferenceResolver>();
        services.AddScoped<DependantUnblocking>();
        return services;
    }
}
