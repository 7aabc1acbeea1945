using System.Net;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

public sealed class RateLimitTests : IntegrationTestBase
{
    private const int Budget = 3;

    protected override IReadOnlyDictionary<string, string?> AppSettings =>
        new Dictionary<string, string?> { ["RATE_LIMIT_PER_MINUTE"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture) };

    [Test]
    public async Task User_OverTheBudget_Gets429WithRetryAfterAndTheErrorJson()
    {
        for (var i = 0; i < Budget; i++)
            Assert.That((await MemberClient.GetAsync("/api/tasks")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"request {i + 1}");

        var refused = await MemberClient.GetAsync("/api/tasks");

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        var error = (await ReadJsonAsync(refused)).GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("rate_limited"));
            Assert.That(error.GetProperty("details").GetProperty("retry_after_seconds").GetInt32(), Is.EqualTo((int)refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds));
        });
    }

    [Test]
    public async Task AnotherUser_HasABudgetOfItsOwn()
    {
        for (var i = 0; i <= Budget; i++)
            await MemberClient.GetAsync("/api/tasks");

        Assert.That((await AdminClient.GetAsync("/api/tasks")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task EachApiKey_HasABudgetOfItsOwn_EvenBeforeItIsChecked()
    {
        using var anonymous = Factory.CreateClient();
        async Task<HttpStatusCode> CallAsync(string key)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp");
            request.Headers.Add("X-API-Key", key);
            return (await anonymous.SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < Budget; i++)
            Assert.That(await CallAsync("tmk_first-key"), Is.Not.EqualTo(HttpStatusCode.TooManyRequests), $"call {i + 1}");

        var overBudget = await CallAsync("tmk_first-key");
        var otherKey = await CallAsync("tmk_second-key");
        Assert.Multiple(() =>
        {
            Assert.That(overBudget, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(otherKey, Is.Not.EqualTo(HttpStatusCode.TooManyRequests));
        });
    }

    [Test]
    public async Task HealthProbes_AreNeverLimited()
    {
        using var anonymous = Factory.CreateClient();
        for (var i = 0; i < Budget * 3; i++)
            Assert.That((await anonymous.GetAsync("/health/live")).StatusCode, Is.EqualTo(HttpStatusCode.OK), $"probe {i + 1}");
    }

    [Test]
    public async Task ZeroBudget_SwitchesLimitingOff()
    {
        await using var unlimited = new TaskManagerFactory((await DatabaseAsync()).ConnectionString,
            new Dictionary<string, string?> { ["RATE_LIMIT_PER_MINUTE"] = "0" });
        using var client = ClientFor(unlimited, Member);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 30; i++)
            statuses.Add((await client.GetAsync("/api/tasks")).StatusCode);

        Assert.That(statuses, Is.All.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void MalformedBudget_StopsStartUpNamingTheVariable()
    {
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var broken = new TaskManagerFactory((await DatabaseAsync()).ConnectionString,
                new Dictionary<string, string?> { ["RATE_LIMIT_PER_MINUTE"] = "lots" });
            broken.CreateClient().Dispose();
        });
        Assert.That(ex!.Message, Does.Contain("RATE_LIMIT_PER_MINUTE"));
    }
}
