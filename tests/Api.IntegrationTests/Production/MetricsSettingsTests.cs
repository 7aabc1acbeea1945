using System.Globalization;
using System.Net;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>METRICS_ENABLED and METRICS_PORT: /metrics off, or on a port of its own that serves nothing else.</summary>
public sealed class MetricsSettingsTests : IntegrationTestBase
{
    private const int MetricsPort = 9464;

    [Test]
    public async Task Disabled_HasNoMetricsEndpoint()
    {
        await using var app = await StartAsync(new() { ["METRICS_ENABLED"] = "false" });
        using var admin = ClientFor(app, Admin, admin: true);

        var response = await admin.GetAsync("/metrics");

        await response.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Test]
    public async Task SeparatePort_ServesMetricsThereToAnyone_AndNothingElse()
    {
        await using var app = await StartAsync(new() { ["METRICS_PORT"] = MetricsPort.ToString(CultureInfo.InvariantCulture) });
        using var anonymous = app.CreateClient();
        anonymous.DefaultRequestHeaders.Add(TestConnection.RemoteAddress, "203.0.113.7");
        anonymous.DefaultRequestHeaders.Add(TestConnection.LocalPort, MetricsPort.ToString(CultureInfo.InvariantCulture));
        using var admin = ClientFor(app, Admin, admin: true);

        var scrape = await anonymous.GetAsync("/metrics");
        var apiOnMetricsPort = await anonymous.GetAsync("/api/tasks");
        var metricsOnServicePort = await admin.GetAsync("/metrics");

        Assert.That(scrape.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await scrape.Content.ReadAsStringAsync(), Does.Contain("# TYPE http_server_active_requests gauge"));
        await apiOnMetricsPort.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
        await metricsOnServicePort.AssertErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [TestCase("METRICS_ENABLED", "loud")]
    [TestCase("METRICS_PORT", "abc")]
    [TestCase("METRICS_PORT", "70000")]
    public void InvalidSetting_StopsStartUpNamingIt(string name, string value)
    {
        var failure = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var broken = new TaskManagerFactory((await DatabaseAsync()).ConnectionString,
                new Dictionary<string, string?> { [name] = value });
            broken.CreateClient().Dispose();
        });

        Assert.That(failure!.Message, Does.Contain(name));
    }

    private static async Task<TaskManagerFactory> StartAsync(Dictionary<string, string?> settings)
    {
        var app = new TaskManagerFactory((await DatabaseAsync()).ConnectionString, settings);
        _ = app.Server;
        return app;
    }
}
