using System.Diagnostics;
using System.Globalization;
using System.Net;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Production;

/// <summary>
/// Made-up credentials from one address: after AUTH_FAILURE_LIMIT_PER_MINUTE failures the address gets 429 before
/// any credential is checked, so a flood of random keys stops costing database look-ups.
/// </summary>
public sealed class AuthenticationFailureLimitTests : IntegrationTestBase
{
    private const int Budget = 5;

    [Test]
    public async Task RandomKeyFlood_IsRefusedBeforeTheDatabaseOnceTheBudgetIsSpent()
    {
        await using var app = await StartWithBudgetAsync();
        using var anonymous = app.CreateClient();
        using var lookUps = new ApiKeyLookUps();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Budget * 3; i++)
        {
            using var response = await CallMcpAsync(anonymous, $"tmk_made-up-{Guid.NewGuid():N}");
            statuses.Add(response.StatusCode);
        }
        using var refused = await CallMcpAsync(anonymous, $"tmk_made-up-{Guid.NewGuid():N}");

        Assert.Multiple(async () =>
        {
            Assert.That(statuses.Take(Budget), Is.All.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(statuses.Skip(Budget), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(lookUps.Count, Is.EqualTo(Budget), "only the failures within the budget reached the database");
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            Assert.That((await ReadJsonAsync(refused)).GetProperty("error").GetProperty("code").GetString(), Is.EqualTo("rate_limited"));
        });
    }

    [Test]
    public async Task RequestsWithoutCredentials_DoNotSpendTheBudget()
    {
        await using var app = await StartWithBudgetAsync();
        using var anonymous = app.CreateClient();
        for (var i = 0; i < Budget * 2; i++)
            (await anonymous.GetAsync("/api/tasks")).Dispose();

        using var member = ClientFor(app, Member);
        Assert.That((await member.GetAsync("/api/tasks")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    /// <summary>An application of the test's own: the budget is per process, so each test starts with a full one.</summary>
    private static async Task<TaskManagerFactory> StartWithBudgetAsync() =>
        new((await DatabaseAsync()).ConnectionString, new Dictionary<string, string?>
        {
            ["AUTH_FAILURE_LIMIT_PER_MINUTE"] = Budget.ToString(CultureInfo.InvariantCulture),
        });

    private static Task<HttpResponseMessage> CallMcpAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp");
        request.Headers.Add("X-API-Key", key);
        return client.SendAsync(request);
    }

    /// <summary>Counts the commands Npgsql runs against api_keys while it exists: the authenticator's look-ups.</summary>
    private sealed class ApiKeyLookUps : IDisposable
    {
        private readonly ActivityListener _listener;
        private int _count;

        public ApiKeyLookUps()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.TagObjects.Any(t => t.Value is string text && text.Contains("api_keys", StringComparison.Ordinal)))
                        Interlocked.Increment(ref _count);
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public int Count => Volatile.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }
}
