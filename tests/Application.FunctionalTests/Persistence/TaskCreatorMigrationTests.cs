using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using TaskManager.Infrastructure.Persistence;
using TaskManager.TestSupport;

namespace TaskManager.Application.FunctionalTests.Persistence;

/// <summary>
/// Tasks made before <c>tasks.created_by_id</c> existed get their creator from their "created" history row, without
/// looking changed to sync (neither <c>updated_at</c> nor <c>change_seq</c> moves); a task with no such row keeps none.
/// </summary>
public sealed class TaskCreatorMigrationTests
{
    private const string BeforeCreatorId = "20261129233723_TaskSearchTrigramIndexes";

    private static readonly Guid Creator = Guid.CreateVersion7();
    private static readonly Guid Editor = Guid.CreateVersion7();
    private static readonly Guid Attributed = Guid.CreateVersion7();
    private static readonly Guid Unattributed = Guid.CreateVersion7();

    [Test]
    public async Task Backfill_TakesTheCreatedRowsActor_AndLeavesSyncStateAlone()
    {
        var connectionString = await TestEnvironment.DatabaseAsync("taskmanager_creator_migration");
        var options = new DbContextOptionsBuilder<ApplicationDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new ApplicationDbContext(options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Migration.InitialDatabase); // A database left by an earlier run starts empty again.
        await migrator.MigrateAsync(BeforeCreatorId);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, """
            INSERT INTO users (id, email) VALUES (@creator, 'creator@example.com'), (@editor, 'editor@example.com');
            INSERT INTO tasks (id, title, created_by, updated_by, updated_at)
            VALUES (@attributed, 'Made in the app', 'claude', 'claude', '2026-01-31T12:00:00Z'),
                   (@unattributed, 'Inserted by SQL', 'dba', 'dba', '2026-01-31T12:00:00Z');
            INSERT INTO task_history (task_id, field_changed, new_value, changed_by, actor_user_id, changed_at)
            VALUES (@attributed, 'created', 'Made in the app', 'claude', @creator, '2026-01-31T12:00:00Z'),
                   (@attributed, 'title', 'Made in the app', 'editor', @editor, '2026-01-31T12:00:01Z'),
                   (@unattributed, 'title', 'Inserted by SQL', 'editor', @editor, '2026-01-31T12:00:01Z');
            """);
        var before = await SyncStateAsync(connection);

        await migrator.MigrateAsync();

        Assert.Multiple(async () =>
        {
            Assert.That(await CreatorOfAsync(connection, Attributed), Is.EqualTo(Creator));
            Assert.That(await CreatorOfAsync(connection, Unattributed), Is.Null);
            Assert.That(await SyncStateAsync(connection), Is.EqualTo(before));
        });
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("creator", Creator);
        command.Parameters.AddWithValue("editor", Editor);
        command.Parameters.AddWithValue("attributed", Attributed);
        command.Parameters.AddWithValue("unattributed", Unattributed);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<Guid?> CreatorOfAsync(NpgsqlConnection connection, Guid taskId)
    {
        await using var command = new NpgsqlCommand("SELECT created_by_id FROM tasks WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", taskId);
        return await command.ExecuteScalarAsync() is Guid id ? id : null;
    }

    private static async Task<string> SyncStateAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT string_agg(id || ' ' || updated_at || ' ' || change_seq, ', ' ORDER BY id) FROM tasks", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
