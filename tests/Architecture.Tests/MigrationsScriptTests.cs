using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TaskManager.Infrastructure.Persistence;

namespace TaskManager.Architecture.Tests;

/// <summary>migrations/taskmanager.sql is what DBAs and compose apply; it must say what the migrations say.</summary>
public sealed class MigrationsScriptTests
{
    private const string ScriptPath = "migrations/taskmanager.sql";

    // Building the model is the slow part; both tests read the same script.
    private static readonly Lazy<string> Generated = new(GenerateIdempotentScript);

    [Test]
    public void CommittedScript_MatchesTheMigrations()
    {
        var committedFile = SourceTree.PathOf(ScriptPath.Split('/'));
        Assert.That(File.Exists(committedFile), Is.True, $"{ScriptPath} is missing: run scripts/update-migrations-sql.sh and commit it.");

        var expected = Normalize(Generated.Value);
        var committed = Normalize(File.ReadAllText(committedFile));

        Assert.That(committed, Is.EqualTo(expected),
            $"{ScriptPath} is stale: it differs from the EF Core migrations. Run scripts/update-migrations-sql.sh and commit the result.");
    }

    [Test]
    public void Script_CreatesTheUpdatedAtTriggerAndGuardsEveryMigration()
    {
        var script = Generated.Value;

        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("CREATE TRIGGER update_tasks_updated_at BEFORE UPDATE ON tasks"));
            Assert.That(script, Does.Contain("IF NOT EXISTS(SELECT 1 FROM \"__EFMigrationsHistory\""), "The script must be idempotent.");
        });
    }

    private static string GenerateIdempotentScript()
    {
        // The same design-time context `dotnet ef` uses; generating a script never opens a connection.
        using var db = new DesignTimeDbContextFactory().CreateDbContext([]);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    private static string Normalize(string sql) => sql.TrimStart('\uFEFF').ReplaceLineEndings("\n").TrimEnd();
}
