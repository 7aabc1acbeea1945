using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskManager.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LeasesAndDependencies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_expires_at",
                table: "tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lease_holder",
                table: "tasks",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "lease_holder_id",
                table: "tasks",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "task_dependencies",
                columns: table => new
                {
                    task_id = table.Column<Guid>(type: "uuid", nullable: false),
                    blocked_by_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_task_dependencies", x => new { x.task_id, x.blocked_by_id });
                    table.CheckConstraint("ck_task_dependencies_not_self", "task_id <> blocked_by_id");
                    table.ForeignKey(
                        name: "fk_task_dependencies_tasks_blocked_by_id",
                        column: x => x.blocked_by_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_task_dependencies_tasks_task_id",
                        column: x => x.task_id,
                        principalTable: "tasks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "idx_tasks_lease_expires",
                table: "tasks",
                column: "lease_expires_at",
                filter: "lease_expires_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_tasks_lease_holder_id",
                table: "tasks",
                column: "lease_holder_id");

            migrationBuilder.CreateIndex(
                name: "idx_task_dependencies_blocked_by",
                table: "task_dependencies",
                column: "blocked_by_id");

            migrationBuilder.AddForeignKey(
                name: "fk_tasks_users_lease_holder_id",
                table: "tasks",
                column: "lease_holder_id",
                principalTable: "users",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_tasks_users_lease_holder_id",
                table: "tasks");

            migrationBuilder.DropTable(
                name: "task_dependencies");

            migrationBuilder.DropIndex(
                name: "idx_tasks_lease_expires",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "ix_tasks_lease_holder_id",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "lease_expires_at",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "lease_holder",
                table: "tasks");

            migrationBuilder.DropColumn(
                name: "lease_holder_id",
                table: "tasks");
        }
    }
}
