using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskManager.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class TaskCreatorId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "created_by_id",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tasks_created_by_id",
                table: "tasks",
                column: "created_by_id");

            migrationBuilder.AddForeignKey(
                name: "fk_tasks_users_created_by_id",
                table: "tasks",
                column: "created_by_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // A task's creator is the actor of its "created" history row, which every task made through the
            // application has. A task without one (inserted by SQL) keeps null: only an administrator may delete it.
            // The triggers stay off meanwhile: recording who created a task is not a change to it, so neither
            // updated_at nor change_seq (and with it sync) may move.
            migrationBuilder.Sql("""
                ALTER TABLE tasks DISABLE TRIGGER update_tasks_updated_at;
                ALTER TABLE tasks DISABLE TRIGGER stamp_tasks_change_seq;
                UPDATE tasks AS t SET created_by_id = created.actor_user_id
                FROM (
                    SELECT DISTINCT ON (task_id) task_id, actor_user_id
                    FROM task_history
                    WHERE field_changed = 'created'
                    ORDER BY task_id, changed_at, id
                ) AS created
                WHERE created.task_id = t.id;
                ALTER TABLE tasks ENABLE TRIGGER stamp_tasks_change_seq;
                ALTER TABLE tasks ENABLE TRIGGER update_tasks_updated_at;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tasks_users_created_by_id",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_created_by_id",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "created_by_id",
                table: "tasks");
        }
    }
}
