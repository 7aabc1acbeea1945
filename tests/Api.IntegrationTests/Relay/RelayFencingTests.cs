using Microsoft.Extensions.Options;
using StackExchange.Redis;
using TaskManager.Api.IntegrationTests.Support;
using TaskManager.Application.Common.Events;
using TaskManager.Application.Contract;
using TaskManager.Infrastructure.Events;

namespace TaskManager.Api.IntegrationTests.Relay;

/// <summary>
/// The publish script's fence and de-duplication on a Redis of the fixture's own (the epoch is global to a Redis): what
/// a relay that lost its lease while frozen, or a successor republishing unmarked rows, can and cannot write.
/// </summary>
[NonParallelizable]
public sealed class RelayFencingTests
{
    private readonly RedisServerProcess _redis = new();
    private ConnectionMultiplexer _connection = null!;
    private RedisEventPublisher _publisher = null!;

    [OneTimeSetUp]
    public async Task StartRedisAsync()
    {
        await _redis.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{_redis.Port}");
        _publisher = new RedisEventPublisher(_connection, Options.Create(new EventsOptions()));
    }

    [OneTimeTearDown]
    public async Task StopRedisAsync()
    {
        await _connection.DisposeAsync();
        _redis.Dispose();
    }

    [Test]
    public async Task PublishUnderAnOlderEpoch_AfterANewerOnePublished_IsRefusedAndWritesNothing()
    {
        var current = Row();
        var stale = Row();
        await _publisher.PublishAsync([current], epoch: 7, CancellationToken.None);

        var refused = Assert.ThrowsAsync<RelayFencedException>(() => _publisher.PublishAsync([stale], epoch: 6, CancellationToken.None));

        var ids = await EventIdsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(refused!.NewestEpoch, Is.EqualTo(7));
            Assert.That(ids, Does.Contain(current.Id.ToString()).And.Not.Contain(stale.Id.ToString()));
        });
        // Not even its dedup marker: the successor must still be able to publish the stale holder's row.
        await _publisher.PublishAsync([stale], epoch: 7, CancellationToken.None);
        Assert.That(await EventIdsAsync(), Does.Contain(stale.Id.ToString()));
    }

    [Test]
    public async Task RepublishingRowsAlreadyPublished_UnderANewerEpoch_AddsOnlyTheNewOnes()
    {
        var published = Row();
        var unpublished = Row();
        await _publisher.PublishAsync([published], epoch: 20, CancellationToken.None);

        // A successor finds both rows unmarked, as the holder froze between publishing and marking.
        await _publisher.PublishAsync([published, unpublished], epoch: 21, CancellationToken.None);

        var ids = await EventIdsAsync();
        Assert.Multiple(() =>
        {
            Assert.That(ids.Count(id => id == published.Id.ToString()), Is.EqualTo(1));
            Assert.That(ids.Count(id => id == unpublished.Id.ToString()), Is.EqualTo(1));
            Assert.That(ids.IndexOf(published.Id.ToString()), Is.LessThan(ids.IndexOf(unpublished.Id.ToString())));
        });
    }

    private async Task<List<string>> EventIdsAsync() =>
        (await _connection.GetDatabase().StreamRangeAsync(TaskEvents.NotificationsStream, "-", "+")).Select(e => (string)e["event_id"]!).ToList();

    private static OutboxMessage Row() => new()
    {
        Id = Guid.NewGuid(),
        TaskId = Guid.NewGuid(),
        EventType = "task_updated",
        TaskData = "{}",
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
