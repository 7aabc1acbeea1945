using System.Reflection;
using ModelContextProtocol.Server;

namespace TaskManager.Api.Common;

/// <summary>
/// Finds the feature slices: the static classes under <c>TaskManager.Api.Features</c>, one per use case. A slice maps
/// its REST route in <c>public static void Map(IEndpointRouteBuilder)</c> and offers its MCP tool as a static
/// <c>[McpServerTool]</c> method. Discovery is why adding a use case touches no list of registrations.
/// </summary>
public static class FeatureSlices
{
    public const string Namespace = "TaskManager.Api.Features";
    public const string MapMethod = "Map";

    /// <summary>Every slice class, in a stable order (by full name) so routes and tools are listed the same way each run.</summary>
    public static IReadOnlyList<Type> All { get; } = [.. typeof(FeatureSlices).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: true, IsSealed: true, IsNested: false } // static classes
            && t.Namespace?.StartsWith(Namespace, StringComparison.Ordinal) == true)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)];

    /// <summary>The static methods marked <see cref="McpServerToolAttribute"/>, in slice order.</summary>
    public static IReadOnlyList<MethodInfo> ToolMethods { get; } = [.. All
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null)];

    public static IEndpointRouteBuilder MapFeatureSlices(this IEndpointRouteBuilder routes)
    {
        foreach (var map in All.Select(t => t.GetMethod(MapMethod, BindingFlags.Public | BindingFlags.Static, [typeof(IEndpointRouteBuilder)])))
            map?.Invoke(null, [routes]);
        return routes;
    }
}
