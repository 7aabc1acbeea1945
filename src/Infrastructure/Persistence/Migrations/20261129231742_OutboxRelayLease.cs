using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TaskManager.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The relay lease (ADR 0004): one row naming the instance that relays the outbox, its fencing epoch and when its
    /// lease runs out. Only the relay reads and writes it, in SQL of its own, so it is not part of the EF model.
    /// </summary>
    public partial class OutboxRelayLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "outbox_relay_lease",
                columns: table => new
                {
                    name = table.Column<string>(type: "text", nullable: false),
                    holder = table.Column<string>(type: "text", nullable: false),
                    epoch = table.Column<long>(type: "bigint", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                },
                constraints: table => table.PrimaryKey("pk_outbox_relay_lease", x => x.name));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "outbox_relay_lease");
        }
    }
}
