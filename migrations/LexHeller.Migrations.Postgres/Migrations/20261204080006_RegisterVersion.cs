using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegisterVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RegisterVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Stamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegisterVersions", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "RegisterVersions",
                columns: new[] { "Id", "Stamp" },
                values: new object[] { 1, new Guid("00000000-0000-0000-0000-000000000000") });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RegisterVersions");
        }
    }
}
