using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.CreateTask;
using TaskManager.Infrastructure.Idempotency;

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

    [Test]
    public async Task ExpiredKey_CreatesANewTask_AndTheKeyNowNamesIt()
    {
        var first = await SendAsync(Create("retry-1"));
        await AgeRecordsAsync("retry-1", TimeSpan.FromHours(25));

        var again = await SendAsync(Create("retry-1"));
        var replay = await SendAsync(Create("retry-1"));

        Assert.Multiple(async () =>
        {
            Assert.That(again.Replayed, Is.False);
            Assert.That(again.Task.Id, Is.Not.EqualTo(first.Task.Id));
            Assert.That(replay.Replayed, Is.True);
            Assert.That(replay.Task.Id, Is.EqualTo(again.Task.Id));
            Assert.That(await CountAsync(db => db.Tasks), Is.EqualTo(2));
            Assert.That(await CountAsync(db => db.IdempotencyRecords), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task ExpiredKeyWithADifferentBody_CreatesANewTaskInsteadOfAConflict()
    {
        await SendAsync(Create("retry-1"));
        await AgeRecordsAsync("retry-1", TimeSpan.FromHours(25));

        var fresh = await SendAsync(Create("retry-1", title: "Something else"));

        Assert.That(fresh.Task.Title, Is.EqualTo("Something else"));
    }

    [Test]
    public async Task ConcurrentRetriesWithAnExpiredKey_MakeOneNewTask()
    {
        await SendAsync(Create("burst"));
        await AgeRecordsAsync("burst", TimeSpan.FromHours(25));

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => SendAsync(Create("burst"))));

        Assert.Multiple(async () =>
        {
            Assert.That(results.Select(r => r.Task.Id).Distinct().Count(), Is.EqualTo(1));
            Assert.That(await CountAsync(db => db.Tasks), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Cleanup_DeletesExpiredRecordsOnly_AndLeavesTheirTasks()
    {
        await SendAsync(Create("old-1"));
        await SendAsync(Create("old-2", title: "Another"));
        var kept = await SendAsync(Create("fresh", title: "Recent"));
        await AgeRecordsAsync("old-1", TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await AgeRecordsAsync("old-2", TimeSpan.FromDays(30));
        await AgeRecordsAsync("fresh", TimeSpan.FromHours(23));

        var deleted = await ActivatorUtilities.CreateInstance<IdempotencyCleanup>(Services).DeleteExpiredAsync(CancellationToken.None);

        Assert.Multiple(async () =>
        {
            Assert.That(deleted, Is.EqualTo(2));
            Assert.That(await WithDbAsync(db => db.IdempotencyRecords.Select(r => r.Key).ToListAsync()), Is.EqualTo(new[] { "fresh" }));
            Assert.That(await CountAsync(db => db.Tasks), Is.EqualTo(3));
            Assert.That((await SendAsync(Create("fresh", title: "Recent"))).Task.Id, Is.EqualTo(kept.Task.Id));
        });
    }

    /// <summary>Moves a record's creation into the past, as if the retry came that much later.</summary>
    private static async Task AgeRecordsAsync(string key, TimeSpan age)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("UPDATE idempotency_keys SET created_at = now() - @age WHERE key = @key", connection);
        command.Parameters.AddWithValue("age", age);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync();
    }
}
