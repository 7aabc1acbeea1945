using Microsoft.EntityFrameworkCore;
using Npgsql;
using Respawn;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.TestSupport;

/// <summary>A migrated test database that Respawn empties between tests (faster than recreating it).</summary>
public sealed class DatabaseReset
{
    private readonly Respawner _respawner;

    private DatabaseReset(string connectionString, Respawner respawner)
    {
        ConnectionString = connectionString;
        _respawner = respawner;
    }

    public string ConnectionString { get; }

    public static async Task<DatabaseReset> CreateAsync(string database)
    {
        var connectionString = await TestEnvironment.DatabaseAsync(database);
        var options = new DbContextOptionsBuilder<ApplicationDbContext>().UseNpgsql(connectionString).UseSnakeCaseNamingConvention().Options;
        await using (var db = new ApplicationDbContext(options))
            await db.Database.MigrateAsync();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // The relay lease is the running relays' bookkeeping, not test data: emptied, its epoch would restart below
            // the one Redis has seen, and every relay would be refused once and have to move past it.
            TablesToIgnore = ["__EFMigrationsHistory", "outbox_relay_lease"],
        });
        return new DatabaseReset(connectionString, respawner);
    }

    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await _respawner.ResetAsync(connection);
    }
}
