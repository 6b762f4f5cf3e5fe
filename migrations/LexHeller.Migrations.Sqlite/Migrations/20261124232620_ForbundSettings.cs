using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ForbundSettings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AgendaCutoffDays",
                table: "Forbund",
                type: "INTEGER",
                nullable: false,
                defaultValue: 14);

            migrationBuilder.AddColumn<string>(
                name: "KansliEmail",
                table: "Forbund",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ResponseDays",
                table: "Forbund",
                type: "INTEGER",
                nullable: false,
                defaultValue: 21);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AgendaCutoffDays",
                table: "Forbund");

            migrationBuilder.DropColumn(
                name: "KansliEmail",
                table: "Forbund");

            migrationBuilder.DropColumn(
                name: "ResponseDays",
                table: "Forbund");
        }
    }
}
