using TaskManager.Api.IntegrationTests.Mcp;
using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>
/// EVENTS_RETENTION_SECONDS bounds every stream by time: a publish trims what is older from each stream it writes,
/// per-user and per-repository streams expire when idle, and a position trimmed away is answered with a resync. On a
/// Redis of the fixture's own, as a short retention would trim the log the other fixtures resume from.
/// </summary>
public sealed class StreamRetentionTests : McpTestBase
{
    private const int RetentionSeconds = 10;

    private readonly OwnRedisServer _redis = new();
    private string _repository = "";

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["REDIS_URL"] = _redis.Url,
        ["EVENTS_RETENTION_SECONDS"] = RetentionSeconds.ToString(),
    };

    [OneTimeSetUp]
    public Task StartRedisAsync() => _redis.StartAsync();

    [OneTimeTearDown]
    public async Task StopRedisAsync() => await _redis.DisposeAsync();

    [SetUp]
    public async Task AddRepositoryAsync()
    {
        _repository = $"kept-{Guid.NewGuid():N}"[..16];
        await AddRepositoryAsync(_repository);
    }

    [Test]
    public async Task APublish_TrimsEntriesPastTheRetention_FromEveryStreamItWrites_AndAResumeFromThemGetsResync()
    {
        var userStream = $"tasks:user:{Member.Id}";
        var repositoryStream = $"tasks:repo:{_repository}";
        var old = await CreateTaskAsync("Old");
        var oldId = await LoggedEvents.IdOfAsync(_redis.Database, old, repositoryStream);
        // Lets the retention pass (the entries' age is what is tested, on Redis's clock), then publishes again.
        await Task.Delay(TimeSpan.FromSeconds(RetentionSeconds + 1));
        var fresh = await CreateTaskAsync("Fresh");
        var freshId = await LoggedEvents.IdOfAsync(_redis.Database, fresh, repositoryStream);

        var expiry = await _redis.Database.KeyTimeToLiveAsync(repositoryStream);
        var agent = await ConnectAsync((await CreateApiKeyAsync(MemberClient, "late")).Key);
        var waited = Success(await CallAsync(agent, "wait_for_changes", new() { ["since"] = oldId, ["timeout_seconds"] = 0 }));
        await using var resumed = await SseStream.OpenAsync(MemberClient, lastEventId: oldId);

        Assert.Multiple(async () =>
        {
            foreach (var stream in new[] { LoggedEvents.Log, userStream, repositoryStream })
                Assert.That(await LoggedEvents.EntriesOfAsync(_redis.Database, old, stream), Is.Empty, $"{stream} still holds the old event");
            Assert.That(await LoggedEvents.IdOfAsync(_redis.Database, fresh), Is.EqualTo(freshId), "the log and the other streams share each event's id");
            Assert.That(expiry, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromSeconds(RetentionSeconds)), "an idle stream expires");
            Assert.That(waited.GetProperty("resync").GetBoolean(), Is.True);
            Assert.That((await resumed.NextAsync()).Type, Is.EqualTo("resync"));
        });
    }

    private async Task<string> CreateTaskAsync(string title) =>
        (await MemberClient.CreateTaskAsync(new { title, assignee_id = "me", repository = _repository })).Id();
}
