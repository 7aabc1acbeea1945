using System.Reflection;
using NetArchTest.Rules;

namespace TaskManager.Architecture.Tests;

/// <summary>Dependencies point inward: Domain ← Application ← Infrastructure ← Api, and adapters go through the mediator.</summary>
public sealed class DependencyRuleTests
{
    private const string Domain = "TaskManager.Domain";
    private const string Application = "TaskManager.Application";
    private const string Infrastructure = "TaskManager.Infrastructure";
    private const string Api = "TaskManager.Api";

    [Test]
    public void Domain_ReferencesOnlyTheFramework()
    {
        var references = Assemblies.Domain.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references.Where(name => !IsFramework(name)), Is.Empty,
            "The Domain may reference only the .NET base library: no other project, no package.");
    }

    [Test]
    public void Domain_DependsOnNoOtherLayerNorFramework()
    {
        string[] forbidden = [Application, Infrastructure, Api, "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore", "Npgsql",
            "StackExchange.Redis", "Mediator", "FluentValidation", "AutoMapper"];

        AssertNoDependency(Types.InAssembly(Assemblies.Domain).ShouldNot().HaveDependencyOnAny(forbidden).GetResult(), forbidden);
    }

    [Test]
    public void Application_DependsOnNeitherInfrastructureNorApi()
    {
        string[] forbidden = [Infrastructure, Api, "Microsoft.AspNetCore", "Npgsql", "StackExchange.Redis"];

        AssertNoDependency(Types.InAssembly(Assemblies.Application).ShouldNot().HaveDependencyOnAny(forbidden).GetResult(), forbidden);
        Assert.That(ProjectReferencesOf(Assemblies.Application), Is.EquivalentTo(new[] { Domain }));
    }

    [Test]
    public void Infrastructure_DoesNotDependOnApi()
    {
        AssertNoDependency(Types.InAssembly(Assemblies.Infrastructure).ShouldNot().HaveDependencyOn(Api).GetResult(), Api);
        Assert.That(ProjectReferencesOf(Assemblies.Infrastructure), Is.EquivalentTo(new[] { Domain, Application }));
    }

    [TestCase("TaskManager.Api.Features")]
    [TestCase("TaskManager.Api.Common")]
    [TestCase("TaskManager.Api.Mcp")]
    [TestCase("TaskManager.Api.Realtime")]
    public void Adapters_GoThroughTheMediator_NotTheDbContextOrRedis(string adapterNamespace)
    {
        string[] forbidden = ["TaskManager.Infrastructure.Persistence", "Microsoft.EntityFrameworkCore", "StackExchange.Redis", "Npgsql"];

        var result = Types.InAssembly(Assemblies.Api).That().ResideInNamespaceStartingWith(adapterNamespace)
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        AssertNoDependency(result, forbidden);
    }

    [Test]
    public void NothingOutsideInfrastructure_TouchesEfCoreRedisOrNpgsql_ButTheApplicationsDbSets()
    {
        string[] drivers = ["StackExchange.Redis", "Npgsql"];
        AssertNoDependency(Types.InAssembly(Assemblies.Api).ShouldNot().HaveDependencyOnAny([.. drivers, "Microsoft.EntityFrameworkCore"]).GetResult(),
            [.. drivers, "Microsoft.EntityFrameworkCore"]);
        // Application queries through IApplicationDbContext's DbSets (the house rule), never a driver.
        AssertNoDependency(Types.InAssembly(Assemblies.Application).ShouldNot().HaveDependencyOnAny(drivers).GetResult(), drivers);
    }

    [Test]
    public void FeatureSlices_TalkOnlyToTheMediatorAndTheContract()
    {
        // A slice sends a command or query and shapes the answer; it holds no rule, no data access and no hosting.
        string[] forbidden = [Infrastructure, Domain, "TaskManager.Application.Common.Interfaces", "TaskManager.Api.Hosting",
            "TaskManager.Api.Identity", "TaskManager.Api.Cli", "TaskManager.Api.Mcp", "TaskManager.Api.Realtime"];

        var result = Types.InAssembly(Assemblies.Api).That().ResideInNamespaceStartingWith("TaskManager.Api.Features")
            .ShouldNot().HaveDependencyOnAny(forbidden).GetResult();

        AssertNoDependency(result, forbidden);
    }

    [Test]
    public void DependencyCheck_CanFail()
    {
        // Guards the rules above against passing vacuously: the checker must see a dependency that does exist.
        var result = Types.InAssembly(Assemblies.Infrastructure).ShouldNot().HaveDependencyOn("Microsoft.EntityFrameworkCore").GetResult();

        Assert.That(result.IsSuccessful, Is.False);
    }

    private static void AssertNoDependency(TestResult result, params string[] forbidden) =>
        Assert.That(result.FailingTypeNames ?? [], Is.Empty, $"These types depend on one of: {string.Join(", ", forbidden)}.");

    private static IEnumerable<string> ProjectReferencesOf(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("TaskManager.", StringComparison.Ordinal));

    private static bool IsFramework(string name) =>
        name is "netstandard" or "mscorlib" || name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
