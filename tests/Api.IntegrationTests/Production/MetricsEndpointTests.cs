using System.Net;
using System.Text.RegularExpressions;
using TaskManager.Api.IntegrationTests.Realtime;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>/metrics on the service port: Prometheus text with our meter's series, for admins and local callers only.</summary>
public sealed partial class MetricsEndpointTests : LiveUpdateTestBase
{
    private const string Elsewhere = "203.0.113.7";

    [Test]
    public async Task Scrape_AfterATaskChangeAndASubscription_ShowsOurSeries()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient);
        await CreateTaskAsync(AdminClient, "Watch the relay", Member.Email, Repo);
        await stream.NextAsync();

        // The relay counts after its commit and the SSE writer after its flush; the sampler runs every few seconds.
        var text = "";
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            var response = await AdminClient.GetAsync("/metrics");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
            text = await response.Content.ReadAsStringAsync();
            if (Value(text, "taskmanager_sse_events_delivered_total") >= 1 && Value(text, "taskmanager_outbox_events_published_total") >= 1
                && Value(text, "taskmanager_sse_write_lag_seconds_count") >= 1 && !double.IsNaN(Value(text, "taskmanager_outbox_backlog")))
                break;
        }

        Assert.Multiple(() =>
        {
            Assert.That(Value(text, "taskmanager_sse_streams"), Is.GreaterThanOrEqualTo(1), text);
            Assert.That(Value(text, "taskmanager_sse_events_delivered_total"), Is.GreaterThanOrEqualTo(1), text);
            Assert.That(Value(text, "taskmanager_outbox_events_published_total"), Is.GreaterThanOrEqualTo(1), text);
            Assert.That(Value(text, "taskmanager_outbox_relay_lag_seconds_count"), Is.GreaterThanOrEqualTo(1), text);
            Assert.That(Value(text, "taskmanager_outbox_batch_size_count"), Is.GreaterThanOrEqualTo(1), text);
            Assert.That(Value(text, "taskmanager_sse_dispatch_lag_seconds_count"), Is.GreaterThanOrEqualTo(1), text);
            Assert.That(Value(text, "taskmanager_sse_write_lag_seconds_count"), Is.GreaterThanOrEqualTo(1), text);
            Assert.That(Value(text, "taskmanager_sse_write_lag_seconds_bucket", "le=\"0.075\""), Is.GreaterThanOrEqualTo(0),
                "buckets fine enough around the 50-100 ms objectives to read a p99 from");
            Assert.That(Value(text, "taskmanager_outbox_backlog"), Is.Not.NaN, text);
            Assert.That(Value(text, "taskmanager_outbox_oldest_age_seconds"), Is.Not.NaN, text);
            Assert.That(text, Does.Contain("# TYPE http_server_request_duration_seconds histogram"), "ASP.NET Core's own metrics");
            Assert.That(text, Does.Contain("db_client_"), "Npgsql's own metrics");
            Assert.That(text, Does.Contain("dotnet_gc_pause_time_seconds_total"), "the runtime's meter: GC pauses behind a latency spike");
        });
    }

    [Test]
    public async Task Scrape_OfAClaim_CountsItByMode()
    {
        var taskId = await CreateTaskAsync(MemberClient, "Claim me", null, Repo);
        var claimed = await MemberClient.PostAsync($"/api/tasks/{taskId}/claim", null);
        Assert.That(claimed.IsSuccessStatusCode, await claimed.Content.ReadAsStringAsync());

        // The exporter serves a scrape from a short cache: another test's scrape a moment ago may still be what it answers.
        var text = "";
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            text = await (await AdminClient.GetAsync("/metrics")).Content.ReadAsStringAsync();
            if (Value(text, "taskmanager_tasks_claims_total", "mode=\"chosen\"") >= 1)
                break;
        }

        Assert.That(Value(text, "taskmanager_tasks_claims_total", "mode=\"chosen\""), Is.GreaterThanOrEqualTo(1), text);
    }

    [Test]
    public async Task Scrape_FromThisMachineWithoutToken_IsAllowed()
    {
        using var anonymous = Factory.CreateClient();
        anonymous.DefaultRequestHeaders.Add(TestConnection.RemoteAddress, IPAddress.Loopback.ToString());

        var response = await anonymous.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Scrape_ByAMemberFromElsewhere_IsForbidden()
    {
        MemberClient.DefaultRequestHeaders.Add(TestConnection.RemoteAddress, Elsewhere);

        var response = await MemberClient.GetAsync("/metrics");

        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Test]
    public async Task Scrape_WithoutTokenFromElsewhere_AsksForAuthentication()
    {
        using var anonymous = Factory.CreateClient();
        anonymous.DefaultRequestHeaders.Add(TestConnection.RemoteAddress, Elsewhere);

        var response = await anonymous.GetAsync("/metrics");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task Scrape_ByAnAdminFromElsewhere_IsAllowed()
    {
        AdminClient.DefaultRequestHeaders.Add(TestConnection.RemoteAddress, Elsewhere);

        var response = await AdminClient.GetAsync("/metrics");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>The value of the first sample of <paramref name="name"/> whose labels contain <paramref name="label"/>; NaN when there is none.</summary>
    private static double Value(string exposition, string name, string label = "")
    {
        foreach (Match sample in Sample().Matches(exposition))
        {
            if (sample.Groups["name"].Value == name && sample.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
                return double.Parse(sample.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return double.NaN;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
