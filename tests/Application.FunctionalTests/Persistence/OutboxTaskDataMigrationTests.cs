using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using TaskManager.Infrastructure.Persistence;
using TaskManager.TestSupport;

namespace TaskManager.Application.FunctionalTests.Persistence;

/// <summary>
/// Rows written while task_data was jsonb survive the change to text, and come out as the text the relay would have
/// sent: compact, keys in the REST API's order.
/// </summary>
public sealed class OutboxTaskDataMigrationTests
{
    private const string InitialSchema = "20261125140144_InitialSchema";

    private const string RestText =
        """{"id":"t1","title":"Say \"hi\" – é","description":null,"status":"completed","priority":"medium","complexity":"low","assignee":{"id":"u1","email":"max@example.com","name":null},"repository":"auth","created_by":"a@example.com","updated_by":"a@example.com","created_at":"2026-01-31T12:00:00.000000Z","updated_at":"2026-01-31T12:00:01.000000Z","version":2,"comment":{"id":"c1","task_id":"t1","comment":"Looks\ngood","author":"claude","created_at":"2026-01-31T12:00:01.000000Z"}}""";

    [Test]
    public async Task UnpublishedJsonbRow_BecomesTheRestText()
    {
        var connectionString = await TestEnvironment.DatabaseAsync("taskmanager_outbox_migration");
        var options = new DbContextOptionsBuilder<ApplicationDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using var db = new ApplicationDbContext(options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Migration.InitialDatabase); // A database left by an earlier run starts empty again.
        await migrator.MigrateAsync(InitialSchema);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO outbox_messages (id, task_id, event_type, task_data, occurred_at, attempts)
            VALUES (gen_random_uuid(), gen_random_uuid(), 'task_commented', @data::jsonb, now(), 0)
            """, connection))
        {
            insert.Parameters.AddWithValue("data", RestText);
            await insert.ExecuteNonQueryAsync();
        }

        await migrator.MigrateAsync();

        await using var select = new NpgsqlCommand("SELECT task_data FROM outbox_messages", connection);
        Assert.That(await select.ExecuteScalarAsync(), Is.EqualTo(RestText));
    }
}
