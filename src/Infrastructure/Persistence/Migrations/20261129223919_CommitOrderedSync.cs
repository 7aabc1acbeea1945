using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskManager.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CommitOrderedSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "change_seq",
                table: "tasks",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateIndex(
                name: "idx_tasks_change",
                table: "tasks",
                columns: new[] { "change_seq", "id" });

            migrationBuilder.CreateIndex(
                name: "idx_tasks_deleted",
                table: "tasks",
                column: "deleted_at",
                filter: "deleted_at IS NOT NULL");

            // change_seq is the id of the transaction that last wrote the row, stamped whoever writes (EF, the lease sweep's
            // SQL, a DBA), so no write path can forget it. Rows from before this migration keep 0: first in commit order.
            // A reader returns only rows below the oldest transaction still running (docs/adr/0005-commit-ordered-sync.md).
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION stamp_change_seq()
                RETURNS TRIGGER AS $$
                BEGIN
                    NEW.change_seq = pg_current_xact_id()::text::bigint;
                    RETURN NEW;
                END;
                $$ LANGUAGE plpgsql;

                CREATE TRIGGER stamp_tasks_change_seq BEFORE INSERT OR UPDATE ON tasks
                    FOR EACH ROW EXECUTE FUNCTION stamp_change_seq();
                """);

            // The highest change_seq of a tombstone the purge has removed: a sync token at or below it may have missed a
            // deletion, so it must start again. One row at most; none means nothing was purged yet.
            migrationBuilder.Sql("""
                CREATE TABLE sync_floor (
                    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
                    purged_through bigint NOT NULL
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS sync_floor;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS stamp_tasks_change_seq ON tasks; DROP FUNCTION IF EXISTS stamp_change_seq();");

            migrationBuilder.DropIndex(
                name: "idx_tasks_change",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "idx_tasks_deleted",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "change_seq",
                table: "tasks");
        }
    }
}
