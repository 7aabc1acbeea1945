using System.Text.Json;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// The runtime settings the service ships with (its <c>runtimeconfig.json</c>, which the build writes from the
/// project file and the Docker image and <c>scripts/run.sh</c> both use).
/// </summary>
public sealed class RuntimeConfigurationTests
{
    [Test]
    public void ThreadPoolWorkers_DoNotSpin_WhenIdle()
    {
        // docs/adr/0006: a spinning worker calls sched_yield in a loop, a fifth of the CPU at moderate load.
        Assert.That(ConfigProperty("System.Threading.ThreadPool.UnfairSemaphoreSpinLimit"), Is.EqualTo("0"));
    }

    [Test]
    public void ServerGarbageCollector_StaysOn()
    {
        Assert.That(ConfigProperty("System.GC.Server"), Is.EqualTo("True"));
    }

    private static string? ConfigProperty(string name)
    {
        var file = Path.Combine(AppContext.BaseDirectory, "TaskManager.Api.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(file));
        return json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties").TryGetProperty(name, out var value)
            ? value.ToString()
            : null;
    }
}
