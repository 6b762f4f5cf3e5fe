using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccessLogReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AccessFlags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Week = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reads = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Cases = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FlaggedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CheckedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    CheckNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessFlags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccessReviewSettings",
                columns: table => new
                {
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ManyCases = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    OfficeStart = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    OfficeEnd = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessReviewSettings", x => x.ForbundId);
                    table.ForeignKey(
                        name: "FK_AccessReviewSettings_Forbund_ForbundId",
                        column: x => x.ForbundId,
                        principalTable: "Forbund",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessFlags_ForbundId_CheckedAt",
                table: "AccessFlags",
                columns: new[] { "ForbundId", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessFlags_ForbundId_UserId_Rule_Week",
                table: "AccessFlags",
                columns: new[] { "ForbundId", "UserId", "Rule", "Week" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessFlags");

            migrationBuilder.DropTable(
                name: "AccessReviewSettings");
        }
    }
}
