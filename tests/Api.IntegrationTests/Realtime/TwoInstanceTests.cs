using TaskManager.Api.IntegrationTests.Support;

namespace TaskManager.Api.IntegrationTests.Realtime;

/// <summary>Two application instances on one PostgreSQL and one Redis behave as one for live updates.</summary>
public sealed class TwoInstanceTests : LiveUpdateTestBase
{
    [Test]
    public async Task ChangeThroughOneInstance_ReachesSseClientOfTheOther()
    {
        using var second = ClientFor(Second, Member);
        await using var stream = await SseStream.OpenAsync(second);

        var taskId = await CreateTaskAsync(MemberClient, "Made on instance one", "me", Repo);
        await ChangeStatusAsync(MemberClient, taskId, "completed");

        var events = await stream.NextAsync(2);
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.TaskId), Is.All.EqualTo(taskId));
            Assert.That(events.Select(e => e.Type), Is.EqualTo(new[] { "task_assigned", "task_completed" }));
        });
    }

    [Test]
    public async Task WritesThroughBothInstances_ArePublishedOnceEach_AndReachEveryClientOnce()
    {
        using var second = ClientFor(Second, Member);
        await using var onFirst = await SseStream.OpenAsync(MemberClient, $"?repositories={Repo}");
        await using var onSecond = await SseStream.OpenAsync(second, $"?repositories={Repo}");

        // Both relays race for the same outbox while writes land on both instances.
        var writes = Enumerable.Range(0, 20).Select(i => CreateTaskAsync(i % 2 == 0 ? MemberClient : second, $"Task {i}", "me", Repo));
        var taskIds = await Task.WhenAll(writes);
        var marker = await CreateTaskAsync(MemberClient, "Marker", "me", Repo);

        var firstEvents = await onFirst.UntilAsync(e => e.TaskId == marker);
        var secondEvents = await onSecond.UntilAsync(e => e.TaskId == marker);
        var entries = new List<Dictionary<string, string>>();
        foreach (var taskId in taskIds)
            entries.AddRange(await TestRedis.EntriesForTaskAsync($"tasks:repo:{Repo}", taskId));

        Assert.Multiple(() =>
        {
            Assert.That(firstEvents.Select(e => e.TaskId), Is.EquivalentTo(taskIds.Append(marker)));
            Assert.That(secondEvents.Select(e => e.TaskId), Is.EquivalentTo(taskIds.Append(marker)));
            Assert.That(secondEvents.Select(e => e.Id), Is.EqualTo(firstEvents.Select(e => e.Id)), "both instances deliver the log in one order");
            Assert.That(entries.Select(e => e["task_id"]), Is.EquivalentTo(taskIds));
            Assert.That(entries.Select(e => e["event_id"]), Is.Unique);
        });
    }
}
