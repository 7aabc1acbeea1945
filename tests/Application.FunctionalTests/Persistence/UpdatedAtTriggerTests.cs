using Microsoft.EntityFrameworkCore;
using Npgsql;
using TaskManager.Application.FunctionalTests.Support;
using TaskManager.Application.Tasks.Commands.ChangeTaskStatus;

namespace TaskManager.Application.FunctionalTests.Persistence;

/// <summary>The migration's trigger keeps tasks.updated_at current for any UPDATE, not only the application's.</summary>
public sealed class UpdatedAtTriggerTests : FunctionalTestBase
{
    private static readonly DateTimeOffset LongAgo = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task RawUpdate_WithoutUpdatedAt_BumpsUpdatedAt()
    {
        var task = await CreateTaskAsync();
        await ExecuteAsync("UPDATE tasks SET updated_at = @at WHERE id = @id", ("at", LongAgo), ("id", task.Id));
        var before = await UpdatedAtAsync(task.Id);

        await ExecuteAsync("UPDATE tasks SET title = 'changed by a DBA' WHERE id = @id", ("id", task.Id));

        var after = await UpdatedAtAsync(task.Id);
        Assert.Multiple(() =>
        {
            Assert.That(before, Is.EqualTo(LongAgo), "A statement that sets updated_at itself keeps its value.");
            Assert.That(after, Is.GreaterThan(LongAgo.AddYears(20)));
        });
    }

    [Test]
    public async Task ApplicationUpdate_KeepsTheTimestampItReturned()
    {
        var task = await CreateTaskAsync();

        var changed = await SendAsync(new ChangeTaskStatusCommand(task.Id, "blocked", null));

        Assert.That(await UpdatedAtAsync(task.Id), Is.EqualTo(changed.UpdatedAt));
    }

    private static async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        Assert.That(await command.ExecuteNonQueryAsync(), Is.EqualTo(1));
    }

    private Task<DateTimeOffset> UpdatedAtAsync(Guid id) =>
        WithDbAsync(db => db.Tasks.AsNoTracking().Where(t => t.Id == id).Select(t => t.UpdatedAt).SingleAsync());
}
