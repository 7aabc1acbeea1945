using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Contract;
using TaskManager.Infrastructure.Events;
using TaskManager.TestSupport;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>
/// The application on a Redis Cluster (three masters, started by scripts/test.sh), as on managed Redis in cluster mode:
/// the log and the per-user and per-repository streams live in different slots, and publishing, live delivery and
/// resuming work all the same.
/// </summary>
[NonParallelizable]
public sealed class RedisClusterTests : LiveUpdateTestBase
{
    private ConnectionMultiplexer _cluster = null!;

    protected override IReadOnlyDictionary<string, string?> AppSettings => new Dictionary<string, string?>
    {
        ["REDIS_URL"] = TestEnvironment.RedisClusterUrl,
    };

    [OneTimeSetUp]
    public async Task ConnectAsync() => _cluster = await ConnectionMultiplexer.ConnectAsync(TestEnvironment.RedisClusterUrl);

    [OneTimeTearDown]
    public async Task DisconnectAsync() => await _cluster.DisposeAsync();

    [Test]
    public async Task AChange_ReachesTheLogAndEveryStreamOfIt_InTheirOwnSlots_AndTheLiveSubscriber()
    {
        await using var stream = await SseStream.OpenAsync(MemberClient, $"?repositories={Repo}");
        var userStream = TaskEvents.UserStream(Member.Id);
        var repositoryStream = TaskEvents.RepositoryStream(Repo);

        var taskId = await CreateTaskAsync(MemberClient, "Through the cluster", "me", Repo);
        var delivered = await stream.NextAsync();
        var db = _cluster.GetDatabase();

        Assert.Multiple(async () =>
        {
            Assert.That(delivered.TaskId, Is.EqualTo(taskId));
            Assert.That(await LoggedEvents.IdOfAsync(db, taskId, userStream), Is.EqualTo(delivered.Id));
            Assert.That(await LoggedEvents.IdOfAsync(db, taskId, repositoryStream), Is.EqualTo(delivered.Id));
            Assert.That(SlotOf(userStream), Is.Not.EqualTo(SlotOf(TaskEvents.NotificationsStream)), "a script over both would be refused");
        });
    }

    [Test]
    public async Task Resume_ThroughTheCluster_ReplaysWhatWasMissed()
    {
        string seen;
        await using (var stream = await SseStream.OpenAsync(MemberClient))
        {
            await CreateTaskAsync(MemberClient, "Seen", "me", null);
            seen = (await stream.NextAsync()).Id!;
        }
        var missed = await CreateTaskAsync(MemberClient, "Missed", "me", null);

        await using var resumed = await SseStream.OpenAsync(MemberClient, lastEventId: seen);

        Assert.That((await resumed.NextAsync()).TaskId, Is.EqualTo(missed));
    }

    [Test]
    public async Task ARetriedPublish_AppendsNothingTwice_ToAnyStream()
    {
        var publisher = Factory.Services.GetRequiredService<RedisEventPublisher>();
        var row = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            TaskId = Guid.NewGuid(),
            EventType = TaskEvents.Updated,
            TaskData = """{"title":"Retried"}""",
            AssigneeId = Member.Id,
            RepositoryName = Repo,
            PreviousAssigneeId = Admin.Id,
            OccurredAt = DateTimeOffset.UtcNow,
        };

        // Under the newest relay epoch the cluster has seen, which the fence lets through (ADR 0004).
        var epoch = (long?)await _cluster.GetDatabase().StringGetAsync(RelayKeys.EpochKey) ?? 0;
        await publisher.PublishAsync([row], epoch, CancellationToken.None);
        await publisher.PublishAsync([row], epoch, CancellationToken.None);

        var db = _cluster.GetDatabase();
        var logged = await LoggedEvents.EntriesOfAsync(db, row.TaskId.ToString());
        Assert.That(logged, Has.Length.EqualTo(1));
        Assert.Multiple(async () =>
        {
            foreach (var target in new[] { TaskEvents.UserStream(Member.Id), TaskEvents.UserStream(Admin.Id), TaskEvents.RepositoryStream(Repo) })
            {
                var entries = await LoggedEvents.EntriesOfAsync(db, row.TaskId.ToString(), target);
                Assert.That(entries.Select(e => e.Id.ToString()), Is.EqualTo(new[] { logged[0].Id.ToString() }), target);
            }
        });
    }

    private int SlotOf(string key) => _cluster.HashSlot(key);
}
