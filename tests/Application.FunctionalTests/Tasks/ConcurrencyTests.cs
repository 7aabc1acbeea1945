using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskManager.Application.Common.Exceptions;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;
using TaskManager.Application.Tasks.Commands.UpdateTask;
using TaskManager.Domain.Common;
using TaskManager.Domain.Tasks;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Application.FunctionalTests.Tasks;

public sealed class ConcurrencyTests : FunctionalTestBase
{
    [Test]
    public async Task TwoWritersOfTheSameVersion_FirstWins_SecondGetsConflictException()
    {
        var created = await CreateTaskAsync();
        var actor = new Actor(Max.Id, Max.Email);
        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var firstDb = first.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var secondDb = second.ServiceProvider.GetRequiredService<ApplicationDbContext>();
        var firstCopy = await firstDb.Tasks.SingleAsync(t => t.Id == created.Id);
        var secondCopy = await secondDb.Tasks.SingleAsync(t => t.Id == created.Id);

        firstCopy.ChangeStatus(TaskItemStatus.Completed, actor, null, DateTimeOffset.UtcNow);
        secondCopy.ChangeStatus(TaskItemStatus.Cancelled, actor, null, DateTimeOffset.UtcNow);
        await firstDb.SaveChangesAsync();
        var conflict = Assert.ThrowsAsync<ConflictException>(() => secondDb.SaveChangesAsync());

        var stored = await WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync());
        Assert.Multiple(async () =>
        {
            Assert.That(conflict!.Details["reason"], Is.EqualTo("concurrent_update"));
            Assert.That(stored.Status, Is.EqualTo(TaskItemStatus.Completed));
            Assert.That(stored.Version, Is.EqualTo(2));
            Assert.That(await CountAsync(db => db.TaskHistory.Where(h => h.FieldChanged == "status")), Is.EqualTo(1), "The loser's history was not written.");
            Assert.That(await CountAsync(db => db.OutboxMessages), Is.EqualTo(2), "The loser's event was not queued.");
        });
    }

    [Test]
    public async Task ManyRequestsWithTheSameExpectedVersion_ExactlyOneWins()
    {
        var created = await CreateTaskAsync();
        string[] statuses = ["in_progress", "blocked", "completed", "cancelled", "in_progress", "blocked", "completed", "cancelled"];

        var outcomes = await Task.WhenAll(statuses.Select(async status =>
        {
            try
            {
                return (await SendAsync(new ChangeTaskStatusCommand(created.Id, status, null, ExpectedVersion: 1))).Status;
            }
            catch (Exception ex) when (ex is ConflictException or ConcurrencyConflictException)
            {
                return null;
            }
        }));

        var stored = await WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync());
        var winners = outcomes.Where(o => o is not null).ToList();
        Assert.Multiple(async () =>
        {
            Assert.That(winners, Has.Count.EqualTo(1));
            Assert.That(stored.Version, Is.EqualTo(2));
            Assert.That(TaskEnums.Status.ToWire(stored.Status), Is.EqualTo(winners.Single()));
            Assert.That(await CountAsync(db => db.TaskHistory), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task ConcurrentUpdatesWithoutExpectedVersion_EachSucceedsOrConflicts_AndEverySuccessIsOneVersion()
    {
        var created = await CreateTaskAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await SendAsync(new UpdateTaskCommand(created.Id, Title: $"Title {i}"));
                return true;
            }
            catch (ConflictException)
            {
                return false;
            }
        }));

        var stored = await WithDbAsync(db => db.Tasks.AsNoTracking().SingleAsync());
        var successes = outcomes.Count(o => o);
        Assert.Multiple(async () =>
        {
            Assert.That(successes, Is.GreaterThanOrEqualTo(1));
            Assert.That(stored.Version, Is.EqualTo(1 + successes), "No lost update: every success is a version of its own.");
            Assert.That(await CountAsync(db => db.TaskHistory.Where(h => h.FieldChanged == "title")), Is.EqualTo(successes));
            Assert.That(await CountAsync(db => db.OutboxMessages), Is.EqualTo(1 + successes));
        });
    }
}
