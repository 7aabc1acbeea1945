using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Infrastructure.Identity;

namespace TaskManager.Api.IntegrationTests.Rest;

/// <summary>With JWT_ISSUER and JWT_AUDIENCE set, both are enforced (without them anything goes; see AuthenticationTests).</summary>
public sealed class IssuerAudienceTests : IntegrationTestBase
{
    private const string Issuer = "https://issuer.example";
    private const string Audience = "taskmanager";

    private TaskManagerFactory _strict = null!;

    [OneTimeSetUp]
    public async Task StartStrictApplicationAsync()
    {
        var database = await DatabaseAsync();
        _strict = new TaskManagerFactory(database.ConnectionString, new Dictionary<string, string?>
        {
            ["JWT_ISSUER"] = Issuer,
            ["JWT_AUDIENCE"] = Audience,
        });
    }

    [OneTimeTearDown]
    public async Task StopStrictApplicationAsync() => await _strict.DisposeAsync();

    [Test]
    public async Task TokenWithTheConfiguredIssuerAndAudience_IsAccepted() =>
        Assert.That((await GetTasksWithAsync(Tokens.For(Member.Id, issuer: Issuer, audience: Audience))).StatusCode, Is.EqualTo(HttpStatusCode.OK));

    [Test]
    public async Task TokenWithoutIssuerOrAudience_Is401() =>
        await (await GetTasksWithAsync(Tokens.For(Member.Id))).AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");

    [Test]
    public async Task TokenWithAnotherIssuer_Is401() =>
        await (await GetTasksWithAsync(Tokens.For(Member.Id, issuer: "https://evil.example", audience: Audience)))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");

    [Test]
    public async Task TokenWithAnotherAudience_Is401() =>
        await (await GetTasksWithAsync(Tokens.For(Member.Id, issuer: Issuer, audience: "another-api")))
            .AssertErrorAsync(HttpStatusCode.Unauthorized, "unauthorized");

    [Test]
    public async Task TheCliIssuer_MintsTokensThisServerAccepts()
    {
        // The token verb uses the configured issuer and audience, so operators' tokens keep working when they are set.
        var token = _strict.Services.GetRequiredService<JwtTokenIssuer>().Issue(Member.Id, Member.Email, false, TimeSpan.FromMinutes(5));

        Assert.That((await GetTasksWithAsync(token)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private async Task<HttpResponseMessage> GetTasksWithAsync(string token)
    {
        using var client = _strict.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/tasks");
    }
}
