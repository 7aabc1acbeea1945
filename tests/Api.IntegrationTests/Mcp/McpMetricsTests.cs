namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>/metrics carries the MCP SDK's operation durations per method, not per session.</summary>
public sealed class McpMetricsTests : McpTestBase
{
    private const string ToolsCall = "mcp_method_name=\"tools/call\"";

    [Test]
    public async Task ToolCallsFromTwoSessions_ShowAsOperationDurationsByMethod_WithoutASeriesPerSession()
    {
        var (key, _) = await CreateApiKeyAsync(MemberClient);
        foreach (var client in new[] { await ConnectAsync(key), await ConnectAsync(key) })
            await client.CallToolAsync("get_tasks", new Dictionary<string, object?> { ["limit"] = 1 });

        // The exporter serves a scrape from a short cache: another test's scrape a moment ago may still be what it answers.
        var lines = Array.Empty<string>();
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            lines = (await (await AdminClient.GetAsync("/metrics")).Content.ReadAsStringAsync()).Split('\n');
            if (lines.Any(l => l.StartsWith("mcp_server_operation_duration_seconds_count", StringComparison.Ordinal) && l.Contains(ToolsCall, StringComparison.Ordinal)))
                break;
        }

        var series = lines.Where(l => l.StartsWith("mcp_server_operation_duration_seconds_count", StringComparison.Ordinal)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(series.Any(l => l.Contains(ToolsCall, StringComparison.Ordinal)), Is.True, string.Join('\n', lines.Where(l => l.StartsWith("mcp", StringComparison.Ordinal))));
            Assert.That(series.Where(l => l.Contains("session", StringComparison.OrdinalIgnoreCase)), Is.Empty,
                "a label per session would grow the series without bound");
        });
    }
}
