using System.Reflection;
using TaskManager.Application.Common.Mapping;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Architecture.Tests;

internal static class Assemblies
{
    public static Assembly Domain { get; } = typeof(TaskItem).Assembly;

    public static Assembly Application { get; } = typeof(MappingProfile).Assembly;

    public static Assembly Infrastructure { get; } = typeof(ApplicationDbContext).Assembly;

    public static Assembly Api { get; } = typeof(global::TaskManager.Api.Program).Assembly;

    public static IReadOnlyList<Assembly> All { get; } = [Domain, Application, Infrastructure, Api];
}
