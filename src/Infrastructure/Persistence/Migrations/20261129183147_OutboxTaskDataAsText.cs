using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskManager.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Stores the outbox's task JSON as text, the exact text Redis and SSE carry: jsonb printed it with its keys sorted by
    /// length and spaces after separators, so the relay had to rebuild the REST key order before publishing.
    /// </summary>
    public partial class OutboxTaskDataAsText : Migration
    {
        /// <summary>
        /// Writes a stored task (and comment) back compact and in the REST API's key order, once, so rows still waiting
        /// to be published need nothing from the relay; a row of any other shape keeps jsonb's printing.
        /// </summary>
        private const string TaskDataAsRestText = """
            coalesce(
                '{"id":' || (task_data -> 'id')::text
                || ',"title":' || (task_data -> 'title')::text
                || ',"description":' || (task_data -> 'description')::text
                || ',"status":' || (task_data -> 'status')::text
                || ',"priority":' || (task_data -> 'priority')::text
                || ',"complexity":' || (task_data -> 'complexity')::text
                || ',"assignee":' || CASE jsonb_typeof(task_data -> 'assignee') WHEN 'null' THEN 'null' ELSE
                       '{"id":' || (task_data #> '{assignee,id}')::text
                       || ',"email":' || (task_data #> '{assignee,email}')::text
                       || ',"name":' || (task_data #> '{assignee,name}')::text || '}' END
                || ',"repository":' || (task_data -> 'repository')::text
                || ',"created_by":' || (task_data -> 'created_by')::text
                || ',"updated_by":' || (task_data -> 'updated_by')::text
                || ',"created_at":' || (task_data -> 'created_at')::text
                || ',"updated_at":' || (task_data -> 'updated_at')::text
                || ',"version":' || (task_data -> 'version')::text
                || CASE WHEN task_data -> 'comment' IS NULL THEN '' ELSE
                       ',"comment":{"id":' || (task_data #> '{comment,id}')::text
                       || ',"task_id":' || (task_data #> '{comment,task_id}')::text
                       || ',"comment":' || (task_data #> '{comment,comment}')::text
                       || ',"author":' || (task_data #> '{comment,author}')::text
                       || ',"created_at":' || (task_data #> '{comment,created_at}')::text || '}' END
                || '}',
                task_data::text)
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql($"ALTER TABLE outbox_messages ALTER COLUMN task_data TYPE text USING {TaskDataAsRestText};");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("ALTER TABLE outbox_messages ALTER COLUMN task_data TYPE jsonb USING task_data::jsonb;");
    }
}
