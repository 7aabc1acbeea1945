using System.Net;
using System.Net.Http.Headers;
using Microsoft.IdentityModel.Tokens;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Rest;

public sealed class AuthenticationTests : IntegrationTestBase
{
    [Test]
    public async Task MissingToken_Is401_AskingForABearerToken()
    {
        using var client = Factory.CreateClient();

        var response = await client.GetAsync("/api/tasks");

        var error = await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("Authorization: Bearer"));
            Assert.That(response.Headers.WwwAuthenticate.ToString(), Does.StartWith("Bearer"));
        });
    }

    [Test]
    public async Task ExpiredToken_Is401_SayingItExpired()
    {
        var token = Tokens.For(Member.Id, expires: DateTime.UtcNow.AddHours(-1), notBefore: DateTime.UtcNow.AddHours(-2));

        var error = await (await GetTasksWithAsync(token)).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");

        Assert.That(error.GetProperty("message").GetString(), Does.Contain("expired"));
    }

    [Test]
    public async Task WronglySignedToken_Is401()
    {
        var token = Tokens.For(Member.Id, secret: "another-secret-0123456789abcdefghijklmnopqrstuvwxyz");

        await (await GetTasksWithAsync(token)).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task UnsignedAlgNoneToken_Is401_EvenClaimingAdmin()
    {
        var response = await SendWithAsync(Tokens.Unsigned(Admin.Id), HttpMethod.Post, "/api/users", """{"email":"eve@example.com"}""");

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task TokenWithASignatureRemoved_Is401()
    {
        var valid = Tokens.For(Member.Id);

        var response = await GetTasksWithAsync(valid[..(valid.LastIndexOf('.') + 1)]);

        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task TokenSignedWithAnotherAlgorithm_Is401()
    {
        var token = Tokens.For(Member.Id, algorithm: SecurityAlgorithms.HmacSha512,
            secret: "test-secret-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFG-0123456789abcdefghij");

        await (await GetTasksWithAsync(token)).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task TokenWithoutExpiry_Is401() =>
        await (await GetTasksWithAsync(Tokens.WithoutExpiry(Member.Id))).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");

    [Test]
    public async Task TokenOfAnUnknownUser_Is401_NamingTheUser()
    {
        var ghost = Guid.NewGuid();

        var error = await (await GetTasksWithAsync(Tokens.For(ghost))).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");

        Assert.That(error.GetProperty("message").GetString(), Does.Contain(ghost.ToString()));
    }

    [Test]
    public async Task TokenWithoutAUserClaim_Is401()
    {
        var token = Tokens.Signed(new Dictionary<string, object> { ["email"] = Member.Email });

        var error = await (await GetTasksWithAsync(token)).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");

        Assert.That(error.GetProperty("message").GetString(), Does.Contain("user_id"));
    }

    [TestCase("garbage")]
    [TestCase("a.b.c")]
    [TestCase("eyJhbGciOiJIUzI1NiJ9.e30.")]
    public async Task GarbageToken_Is401(string token) =>
        await (await GetTasksWithAsync(token)).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");

    [Test]
    public async Task BasicAuthentication_Is401()
    {
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRhOnBhc3N3b3Jk");

        await (await client.GetAsync("/api/tasks")).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Test]
    public async Task SubClaim_IdentifiesTheUser_LikeUserId()
    {
        var response = await SendWithAsync(Tokens.For(Member.Id, claim: "sub"), HttpMethod.Post, "/api/tasks", """{"title":"via sub"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var task = await ReadJsonAsync(response);
        Assert.That(task.GetProperty("created_by").GetString(), Is.EqualTo(Member.Email), "The actor is the directory's email for the user.");
    }

    [Test]
    public async Task TokenWithAnyIssuerAndAudience_IsAccepted_WhenNoneAreConfigured()
    {
        var token = Tokens.For(Member.Id, issuer: "https://other-service.example", audience: "whatever");

        var response = await GetTasksWithAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task HealthAndOpenApi_NeedNoToken()
    {
        using var client = Factory.CreateClient();

        Assert.Multiple(async () =>
        {
            Assert.That((await client.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await client.GetAsync("/openapi/v1.json")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase("/api/tasks")]
    [TestCase("/api/users")]
    [TestCase("/api/repositories")]
    public async Task EveryApiRoute_NeedsAToken(string path)
    {
        using var client = Factory.CreateClient();

        await (await client.GetAsync(path)).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    private Task<HttpResponseMessage> GetTasksWithAsync(string token) => SendWithAsync(token, HttpMethod.Get, "/api/tasks", null);

    private async Task<HttpResponseMessage> SendWithAsync(string token, HttpMethod method, string path, string? json)
    {
        using var client = Factory.CreateClient();
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }
}
