using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Compilations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SharesCompilations",
                table: "Forbund",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SmallCountThreshold",
                table: "Forbund",
                type: "INTEGER",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.CreateTable(
                name: "Compilations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: true),
                    PeriodKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    From = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    To = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FilterKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    FilterCategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    FilterOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Scheduled = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", nullable: true),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DataJson = table.Column<string>(type: "TEXT", nullable: true),
                    DedupKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NotifiedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Compilations", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_ConcludedAt",
                table: "Cases",
                columns: new[] { "ForbundId", "ConcludedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_SubmittedAt",
                table: "Cases",
                columns: new[] { "ForbundId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReferrals_AnsweredAt",
                table: "CaseReferrals",
                column: "AnsweredAt");

            migrationBuilder.CreateIndex(
                name: "IX_Compilations_DedupKey",
                table: "Compilations",
                column: "DedupKey",
                unique: true,
                filter: "\"Status\" IN ('Queued', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_Compilations_ForbundId_RequestedAt",
                table: "Compilations",
                columns: new[] { "ForbundId", "RequestedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Compilations");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ForbundId_ConcludedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ForbundId_SubmittedAt",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_CaseReferrals_AnsweredAt",
                table: "CaseReferrals");

            migrationBuilder.DropColumn(
                name: "SharesCompilations",
                table: "Forbund");

            migrationBuilder.DropColumn(
                name: "SmallCountThreshold",
                table: "Forbund");
        }
    }
}
