using System.Net;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

public sealed class HealthTests : IntegrationTestBase
{
    [Test]
    public async Task Ready_WithPostgresAndRedisUp_Is200()
    {
        var response = await Factory.CreateClient().GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ReadJsonAsync(response)).GetProperty("status").GetString(), Is.EqualTo("ok"));
    }

    [TestCase("/health/live")]
    [TestCase("/health/ready")]
    public async Task Probes_AnswerHead_WithoutABody(string path)
    {
        using var response = await Factory.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Empty);
    }

    [TestCase("POST", "/health/live")]
    [TestCase("PUT", "/health/live")]
    [TestCase("DELETE", "/health/live")]
    [TestCase("TRACE", "/health/ready")]
    [TestCase("PATCH", "/health/ready")]
    [TestCase("OPTIONS", "/health/ready")]
    public async Task Probes_RefuseOtherMethods_With405AndTheErrorJson(string method, string path)
    {
        using var response = await Factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var error = await response.AssertErrorAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.That(response.Content.Headers.Allow, Is.EquivalentTo(new[] { "GET", "HEAD" }));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(method));
    }

    [Test]
    public async Task Ready_WhenRedisIsUnreachable_Is503NamingRedis_WhileLiveStays200()
    {
        // Port 1 on loopback: nothing listens, so every connection attempt is refused.
        await using var factory = new TaskManagerFactory((await DatabaseAsync()).ConnectionString,
            new Dictionary<string, string?> { ["REDIS_URL"] = "redis://127.0.0.1:1" });
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");
        var live = await client.GetAsync("/health/live");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var body = await ReadJsonAsync(ready);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("unavailable"));
            Assert.That(body.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString(), Is.EqualTo("unavailable"));
            Assert.That(body.GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString(), Is.EqualTo("ok"));
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Ready_WhenPostgresIsUnreachable_Is503NamingPostgres()
    {
        await using var factory = new TaskManagerFactory("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");
        using var client = factory.CreateClient();

        var ready = await client.GetAsync("/health/ready");

        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That((await ReadJsonAsync(ready)).GetProperty("checks").GetProperty("postgresql").GetProperty("status").GetString(), Is.EqualTo("unavailable"));
    }
}
