using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using TaskManager.Api.Hosting;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

public sealed class CorsAndHostTests : IntegrationTestBase
{
    private const string Dashboard = "https://board.example.com";
    private const string Agent = "https://agent.example.com";

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["CORS_ORIGINS"] = $"{Dashboard}, vscode-webview://ext-123",
        ["MCP_ALLOWED_ORIGINS"] = Agent,
    };

    [Test]
    public async Task Preflight_FromAConfiguredOrigin_IsAllowed()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/tasks");
        request.Headers.Add("Origin", Dashboard);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,if-match");

        var response = await Factory.CreateClient().SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That((int)response.StatusCode, Is.EqualTo(204));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo(Dashboard));
            Assert.That(string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")), Does.Contain("if-match").IgnoreCase);
        });
    }

    [Test]
    public async Task Get_FromAConfiguredOrigin_ExposesETagAndRequestId()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        request.Headers.Add("Origin", "vscode-webview://ext-123");

        var response = await MemberClient.SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo("vscode-webview://ext-123"));
            var exposed = string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers"));
            Assert.That(exposed, Does.Contain("ETag").And.Contain("X-Request-Id").And.Contain("Retry-After"));
        });
    }

    [Test]
    public async Task Get_FromAnotherOrigin_GetsNoCorsHeaders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        request.Headers.Add("Origin", "https://evil.example");

        var response = await MemberClient.SendAsync(request);

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    [TestCase("evil.example")]
    [TestCase("evil.example:8000")]
    [TestCase("localhost.evil.example")]
    [TestCase("127.0.0.1.nip.io")]
    public async Task Request_ForAHostNotAllowed_Is400ErrorJson(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = host;

        var response = await Factory.CreateClient().SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That((await ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("validation_failed"));
    }

    [TestCase("localhost:8000")]
    [TestCase("127.0.0.1:48540")]
    [TestCase("[::1]:8000")]
    [TestCase("LOCALHOST")]
    public async Task Request_ForALoopbackHost_IsServedWhateverThePort(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = host;

        var response = await Factory.CreateClient().SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Mcp_FromAForeignOrigin_Is403ErrorJson_BeforeAuthentication()
    {
        var response = await PostMcpAsync("http://evil.example");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That((await ReadJsonAsync(response)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("forbidden"));
    }

    [TestCase(Agent)]
    [TestCase(Dashboard)]
    [TestCase(null)]
    public async Task Mcp_FromAnAllowedOriginOrWithoutOne_PassesTheOriginCheck(string? origin)
    {
        var response = await PostMcpAsync(origin);

        Assert.That(response.StatusCode, Is.Not.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase("http://localhost:6274")]
    [TestCase("http://127.0.0.1:6274")]
    [TestCase("http://[::1]:6274")]
    [TestCase("https://localhost")]
    [TestCase("http://127.0.0.1:48540/")]
    public async Task Mcp_FromALoopbackWebOrigin_PassesTheOriginCheck_WhileListeningOnLoopback(string origin)
    {
        var response = await PostMcpAsync(origin);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), "refused for want of a key, not for its origin");
    }

    [TestCase("http://localhost.evil.example")]
    [TestCase("http://127.0.0.1.nip.io:6274")]
    [TestCase("http://evil.example:6274")]
    [TestCase("file://localhost")]
    [TestCase("null")]
    [TestCase("http://localhost:6274/path")]
    [TestCase("http://user@localhost:6274")]
    public async Task Mcp_FromAnOriginThatOnlyLooksLikeLoopback_Is403(string origin)
    {
        var response = await PostMcpAsync(origin);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [TestCase(null, true)]
    [TestCase("127.0.0.1", true)]
    [TestCase("localhost", true)]
    [TestCase("::1", true)]
    [TestCase("[::1]", true)]
    [TestCase("0.0.0.0", false)]
    [TestCase("::", false)]
    [TestCase("192.168.1.20", false)]
    [TestCase("tasks.internal", false)]
    public void LoopbackWebOrigins_AreAllowed_OnlyWhenListeningOnLoopback(string? host, bool allowed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["HOST"] = host }).Build();
        var originAllowed = RebindingProtection.McpOriginAllowed(configuration);

        Assert.Multiple(() =>
        {
            Assert.That(originAllowed("http://localhost:6274"), Is.EqualTo(allowed));
            Assert.That(originAllowed("http://evil.example"), Is.False);
        });
    }

    [Test]
    public async Task RestApi_FromAForeignOrigin_IsNotRefusedByTheMcpCheck()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        request.Headers.Add("Origin", "http://evil.example");

        Assert.That((await MemberClient.SendAsync(request)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase(null, null, "localhost,127.0.0.1,[::1]")]
    [TestCase("tasks.internal", null, "localhost,127.0.0.1,[::1],tasks.internal")]
    [TestCase("::1", null, "localhost,127.0.0.1,[::1]")]
    [TestCase("0.0.0.0", null, "*")]
    [TestCase("0.0.0.0", "tasks.example.com; *.corp.example", "tasks.example.com,*.corp.example")]
    public void AllowedHosts_FollowHostUnlessConfigured(string? host, string? allowedHosts, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["HOST"] = host,
            ["ALLOWED_HOSTS"] = allowedHosts,
        }).Build();

        Assert.That(string.Join(',', RebindingProtection.AllowedHosts(configuration)), Is.EqualTo(expected));
    }

    private async Task<HttpResponseMessage> PostMcpAsync(string? origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        if (origin is not null)
            request.Headers.Add("Origin", origin);
        return await Factory.CreateClient().SendAsync(request);
    }
}
