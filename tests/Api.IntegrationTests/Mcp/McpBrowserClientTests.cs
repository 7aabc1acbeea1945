using System.Net;
using System.Text;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Mcp;

/// <summary>
/// A browser MCP client (the MCP Inspector at http://localhost:6274) against a server on loopback with no CORS_ORIGINS:
/// its origin passes the rebinding check and its preflight, which the X-API-Key header makes the browser send first.
/// </summary>
public sealed class McpBrowserClientTests : IntegrationTestBase
{
    private const string Inspector = "http://localhost:6274";

    [Test]
    public async Task Preflight_FromALoopbackOrigin_AllowsTheKeyHeader()
    {
        var response = await Factory.CreateClient().SendAsync(Preflight(Inspector));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo(Inspector));
            Assert.That(string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")), Does.Contain("x-api-key").IgnoreCase);
            Assert.That(response.Headers.Contains("Access-Control-Allow-Credentials"), Is.False);
        });
    }

    [Test]
    public async Task Preflight_FromAForeignOrigin_Is403()
    {
        var response = await Factory.CreateClient().SendAsync(Preflight("http://evil.example"));

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
        });
    }

    [Test]
    public async Task Post_FromALoopbackOrigin_LetsTheBrowserRead401AndItsChallenge()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("Origin", Inspector);

        var response = await Factory.CreateClient().SendAsync(request);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.GetValues("Access-Control-Allow-Origin").Single(), Is.EqualTo(Inspector));
            Assert.That(string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")), Does.Contain("WWW-Authenticate").And.Contain("Mcp-Session-Id"));
        });
    }

    [Test]
    public async Task Preflight_ForTheRestApi_GetsNoCorsFromTheMcpPolicy()
    {
        using var request = Preflight(Inspector);
        request.RequestUri = new Uri("/api/tasks", UriKind.Relative);

        var response = await Factory.CreateClient().SendAsync(request);

        Assert.That(response.Headers.Contains("Access-Control-Allow-Origin"), Is.False);
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/mcp");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-api-key,mcp-protocol-version");
        return request;
    }
}
