using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Api.Common;
using TaskManager.Api.Identity;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.IntegrationTests.Mcp;

public sealed class McpAuthenticationTests : McpTestBase
{
    private static readonly object ListTools = new { jsonrpc = "2.0", id = 1, method = "tools/list" };

    [Test]
    public async Task ToolsList_WithoutAKey_Is401WithTheErrorJson_BeforeAnyMcpProcessing()
    {
        using var anonymous = Factory.CreateClient();
        var response = await anonymous.SendAsync(McpPost(ListTools));
        var body = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("ApiKey"));
            Assert.That(body.GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("unauthorized"));
            Assert.That(body.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo(ApiKeyAuthentication.MissingKeyMessage));
        });
    }

    [TestCase("X-API-Key", "tm_notARealKey0000000000000000000000000000")]
    [TestCase("Authorization", "Bearer tm_notARealKey0000000000000000000000000000")]
    public async Task ToolsList_WithAWrongKey_Is401(string header, string value)
    {
        using var client = Factory.CreateClient();
        var request = McpPost(ListTools);
        request.Headers.TryAddWithoutValidation(header, value);
        var response = await client.SendAsync(request);
        var body = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Is.EqualTo("ApiKey"), "not Bearer, which would announce OAuth");
            Assert.That(body.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo(ApiKeyAuthentication.InvalidKeyMessage));
        });
    }

    [TestCase(ApiKeyAuthentication.MissingKeyMessage)]
    [TestCase(ApiKeyAuthentication.InvalidKeyMessage)]
    [TestCase(OAuthDiscoveryAnswers.Message)]
    public void Refusals_NameTheHeader_AndHowToGetAKey(string message) =>
        Assert.That(message, Does.Contain("X-API-Key: <key>").And.Contain("POST /api/api-keys").And.Contain("api-key --user EMAIL"));

    /// <summary>Where an OAuth client goes after a 401: RFC 9728 and RFC 8414 / OpenID discovery, then the 2025-03-26
    /// default endpoints. All stay 404, as discovery expects, with a body that names the way in.</summary>
    [TestCase("GET", "/.well-known/oauth-protected-resource/mcp")]
    [TestCase("GET", "/.well-known/oauth-protected-resource")]
    [TestCase("GET", "/.well-known/oauth-authorization-server")]
    [TestCase("GET", "/.well-known/openid-configuration")]
    [TestCase("GET", "/.well-known/oauth-authorization-server/mcp")]
    [TestCase("GET", "/mcp/.well-known/openid-configuration")]
    [TestCase("POST", "/register")]
    [TestCase("GET", "/authorize")]
    [TestCase("POST", "/token")]
    public async Task OAuthDiscovery_FindsNothing_AndIsToldToUseAnApiKey(string method, string path)
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
            request.Content = JsonContent.Create(new { client_name = "inspector" });
        var response = await client.SendAsync(request);
        var body = await ReadJsonAsync(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(body.GetProperty("error").GetProperty("message").GetString(), Is.EqualTo(OAuthDiscoveryAnswers.Message));
        });
    }

    [Test]
    public async Task Mcp_WithAUsersJwt_IsRefused_BecauseOnlyApiKeysOpenIt()
    {
        var request = McpPost(ListTools);
        var response = await MemberClient.SendAsync(request);   // MemberClient sends Authorization: Bearer <JWT>
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Client_WithAWrongKey_CannotConnect()
    {
        var error = Assert.ThrowsAsync<HttpRequestException>(() => ConnectAsync("tm_wrong"));
        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Client_WithAValidKeyInEitherHeader_Connects(bool bearer)
    {
        var client = await ConnectAsync((await CreateApiKeyAsync(MemberClient)).Key, bearer: bearer);
        Assert.That(await client.ListToolsAsync(), Has.Count.EqualTo(FeatureSlices.ToolMethods.Count));
    }

    [Test]
    public async Task RevokedKey_IsRefusedOnTheVeryNextCall()
    {
        var (key, id) = await CreateApiKeyAsync(MemberClient);
        var client = await ConnectAsync(key);
        Assert.That(await client.ListToolsAsync(), Has.Count.EqualTo(FeatureSlices.ToolMethods.Count));

        Assert.That((await MemberClient.DeleteAsync($"/api/api-keys/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        Assert.ThrowsAsync<HttpRequestException>(async () => await client.ListToolsAsync());
        Assert.ThrowsAsync<HttpRequestException>(async () => await client.CallToolAsync("get_tasks", new Dictionary<string, object?> { ["user_id"] = "me" }));
        using var raw = Factory.CreateClient();
        var request = McpPost(ListTools);
        request.Headers.Add("X-API-Key", key);
        var response = await raw.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task KeyUse_IsRecordedAsLastUsedAt_WhenTheUsageIsFlushed()
    {
        var (key, id) = await CreateApiKeyAsync(MemberClient);
        var before = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items")[0];
        Assert.That(before.GetProperty("last_used_at").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));

        var client = await ConnectAsync(key);
        await client.ListToolsAsync();
        await Factory.Services.GetRequiredService<ApiKeyUsage>().FlushAsync(CancellationToken.None);

        var after = (await ReadJsonAsync(await MemberClient.GetAsync("/api/api-keys"))).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            Assert.That(after.GetProperty("id").GetGuid(), Is.EqualTo(id));
            Assert.That(after.GetProperty("last_used_at").GetDateTimeOffset(), Is.GreaterThanOrEqualTo(after.GetProperty("created_at").GetDateTimeOffset()));
        });
    }

    private static HttpRequestMessage McpPost(object message)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = JsonContent.Create(message) };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }
}
