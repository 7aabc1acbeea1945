using System.Reflection;
using Microsoft.AspNetCore.Routing;
using ModelContextProtocol.Server;
using TaskManager.Api.Common;

namespace TaskManager.Architecture.Tests;

/// <summary>
/// The Api is one slice per use case (src/Api/Features/&lt;Area&gt;/&lt;UseCase&gt;.cs) mirroring
/// src/Application/&lt;Area&gt;/&lt;Commands|Queries&gt;/&lt;UseCase&gt;/, found by discovery.
/// </summary>
public sealed class FeatureSliceTests
{
    [Test]
    public void Discovery_FindsTheSlicesAndTheirTools()
    {
        Assert.That(FeatureSlices.All, Has.Count.GreaterThanOrEqualTo(16));
        Assert.That(FeatureSlices.ToolMethods.Select(m => m.GetCustomAttribute<McpServerToolAttribute>()!.Name),
            Is.SupersetOf(new[] { "get_tasks", "get_task", "create_task", "update_task_status", "add_task_comment" }));
    }

    [Test]
    public void EverySlice_MapsARouteOrOffersATool()
    {
        var idle = FeatureSlices.All.Where(t =>
            t.GetMethod(FeatureSlices.MapMethod, BindingFlags.Public | BindingFlags.Static, [typeof(IEndpointRouteBuilder)]) is null
            && !FeatureSlices.ToolMethods.Any(m => m.DeclaringType == t));

        Assert.That(idle.Select(t => t.FullName), Is.Empty, "A static class under Features that is no slice belongs in Api/Common.");
    }

    [Test]
    public void EverySlice_IsNamedAfterAnApplicationUseCase_InTheSameArea()
    {
        var useCases = Assemblies.Application.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.Contains(".Commands.", StringComparison.Ordinal) || ns.Contains(".Queries.", StringComparison.Ordinal)))
            .Select(t => (Area: t.Namespace!.Split('.')[2], UseCase: t.Namespace.Split('.')[^1]))
            .ToHashSet();

        var orphans = FeatureSlices.All.Where(t => !useCases.Contains((t.Namespace!.Split('.')[^1], t.Name)));

        Assert.That(orphans.Select(t => t.FullName), Is.Empty,
            "Each slice mirrors src/Application/<Area>/<Commands|Queries>/<UseCase>/ by area and name.");
    }

    [Test]
    public void EveryToolMethod_LivesInASlice()
    {
        var strays = Assemblies.Api.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<McpServerToolAttribute>() is not null && !FeatureSlices.ToolMethods.Contains(m));

        Assert.That(strays.Select(m => $"{m.DeclaringType}.{m.Name}"), Is.Empty, "Tools outside a slice are not served.");
    }
}
