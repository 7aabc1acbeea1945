using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskManager.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TaskSearchTrigramIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            // Expression indexes, which EF Core's model cannot describe: they match the search's
            // lower(column) LIKE '%…%' (GetTasksHandler), live tasks only like every list index.
            migrationBuilder.Sql("CREATE INDEX idx_tasks_title_trgm ON tasks USING gin (lower(title) gin_trgm_ops) WHERE deleted_at IS NULL;");
            migrationBuilder.Sql("CREATE INDEX idx_tasks_description_trgm ON tasks USING gin (lower(description) gin_trgm_ops) WHERE deleted_at IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX idx_tasks_description_trgm;");
            migrationBuilder.Sql("DROP INDEX idx_tasks_title_trgm;");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
