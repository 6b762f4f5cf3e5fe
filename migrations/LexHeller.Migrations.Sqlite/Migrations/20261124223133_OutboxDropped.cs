using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboxDropped : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DroppedAt",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DroppedAt",
                table: "Outbox");
        }
    }
}
