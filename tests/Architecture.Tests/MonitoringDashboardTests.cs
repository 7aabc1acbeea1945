using System.Text.Json;
using System.Text.RegularExpressions;

namespace TaskManager.Architecture.Tests;

/// <summary>
/// The Grafana dashboard compose ships (docker/monitoring) cannot be rendered here, so it is held to what can be
/// checked: it is valid JSON that reads the provisioned data source, and every series it queries is one the Metrics
/// section of docs/operations.md names — a renamed metric fails here instead of leaving an empty panel.
/// </summary>
public sealed partial class MonitoringDashboardTests
{
    private static readonly JsonElement Dashboard =
        JsonDocument.Parse(File.ReadAllText(SourceTree.PathOf("docker", "monitoring", "grafana", "dashboards", "taskmanager.json"))).RootElement;

    private static IEnumerable<JsonElement> Targets => Dashboard.GetProperty("panels").EnumerateArray()
        .SelectMany(panel => panel.GetProperty("targets").EnumerateArray());

    [Test]
    public void EveryQuery_ReadsTheProvisionedPrometheus()
    {
        var provisioned = File.ReadAllText(SourceTree.PathOf("docker", "monitoring", "grafana", "provisioning", "datasources", "prometheus.yaml"));
        var uids = Targets.Select(t => t.GetProperty("datasource").GetProperty("uid").GetString()).Distinct().ToList();

        Assert.That(uids, Is.EqualTo(new[] { "prometheus" }));
        Assert.That(provisioned, Does.Contain("uid: prometheus"));
    }

    [Test]
    public void EverySeriesQueried_IsADocumentedMetric()
    {
        var documented = File.ReadAllText(SourceTree.PathOf("docs", "operations.md"));
        var queried = Targets
            .SelectMany(t => MetricName().Matches(Grouping().Replace(t.GetProperty("expr").GetString()!, "")))
            .Select(m => m.Groups["metric"].Value)
            .Distinct()
            .ToList();

        Assert.That(queried, Is.Not.Empty, "The scan found no series; it is broken.");
        Assert.That(queried.Where(name => !documented.Contains($"`{name}", StringComparison.Ordinal)), Is.Empty,
            "Series the dashboard queries that docs/operations.md does not name.");
    }

    /// <summary><c>by (le, http_route)</c>: label names, not series.</summary>
    [GeneratedRegex("""\b(by|without)\s*\([^)]*\)""")]
    private static partial Regex Grouping();

    /// <summary>A series name before its selector or range, without the histogram's _bucket/_count/_sum.</summary>
    [GeneratedRegex("""\b(?<metric>(taskmanager|http_server|db_client|mcp_server)_[a-z_]+?)(_bucket|_count|_sum)?\b(?=[\[{)\s])""")]
    private static partial Regex MetricName();
}
