using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OpenData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OpenDataLicenceId",
                table: "Forbund",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "CC0-1.0");

            migrationBuilder.AddColumn<bool>(
                name: "PublishesOpenData",
                table: "Forbund",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OpenDataLicenceId",
                table: "Forbund");

            migrationBuilder.DropColumn(
                name: "PublishesOpenData",
                table: "Forbund");
        }
    }
}
