using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.CreateTask;

namespace TaskManager.Application.FunctionalTests.Tasks;

public sealed class IdempotencyTests : FunctionalTestBase
{
    private static CreateTaskCommand Create(string key, string title = "Rotate keys") =>
        new(title, "All of them.", null, null, "high", IdempotencyKey: key);

    [Test]
    public async Task SameKeyAndBody_ReturnsTheFirstTask_AndCreatesNothing()
    {
        var first = await SendAsync(Create("retry-1"));
        var second = await SendAsync(Create("retry-1"));

        Assert.Multiple(async () =>
        {
            Assert.That(first.Replayed, Is.False);
            Assert.That(second.Replayed, Is.True);
            Assert.That(second.Task, Is.EqualTo(first.Task));
            Assert.That(await CountAsync(db => db.Tasks), Is.EqualTo(1));
            Assert.That(await CountAsync(db => db.OutboxMessages), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Replay_ReturnsTheTaskAsItIsNow()
    {
        var first = await SendAsync(Create("retry-1"));
        await SendAsync(new ChangeTaskStatusCommand(first.Task.Id, "blocked", null));

        var replay = await SendAsync(Create("retry-1"));

        Assert.Multiple(() =>
        {
            Assert.That(replay.Task.Id, Is.EqualTo(first.Task.Id));
            Assert.That(replay.Task.Version, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task SameKeyWithADifferentBody_IsAConflictNamingTheFirstTask()
    {
        var first = await SendAsync(Create("retry-1"));

        var conflict = Assert.ThrowsAsync<ConflictException>(() => SendAsync(Create("retry-1", title: "Something else")));

        Assert.Multiple(async () =>
        {
            Assert.That(conflict!.Details["task_id"], Is.EqualTo(first.Task.Id));
            Assert.That(conflict.Details["idempotency_key"], Is.EqualTo("retry-1"));
            Assert.That(await CountAsync(db => db.Tasks), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task Keys_AreScopedToTheUser()
    {
        var mine = await SendAsync(Create("retry-1"), actor: Max);
        var theirs = await SendAsync(Create("retry-1"), actor: Ada);

        Assert.Multiple(() =>
        {
            Assert.That(theirs.Replayed, Is.False);
            Assert.That(theirs.Task.Id, Is.Not.EqualTo(mine.Task.Id));
        });
    }

    [Test]
    public async Task WithoutKey_EveryCreateMakesATask()
    {
        await SendAsync(new CreateTaskCommand("Rotate keys", null, null, null));
        await SendAsync(new CreateTaskCommand("Rotate keys", null, null, null));

        Assert.That(await CountAsync(db => db.Tasks), Is.EqualTo(2));
    }

    [Test]
    public async Task ConcurrentRetriesWithOneKey_MakeOneTask()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(Create("burst"))));

        Assert.Multiple(async () =>
        {
            Assert.That(results.Select(r => r.Task.Id).Distinct().Count(), Is.EqualTo(1));
            Assert.That(results.Count(r => !r.Replayed), Is.EqualTo(1));
            Assert.That(await CountAsync(db => db.Tasks), Is.EqualTo(1));
            Assert.That(await CountAsync(db => db.OutboxMessages), Is.EqualTo(1));
            Assert.That(await CountAsync(db => db.IdempotencyRecords), Is.EqualTo(1));
        });
    }
}
