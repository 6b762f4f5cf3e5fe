using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Answer",
                table: "Cases",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ConcludedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "HandlerUserId",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPublished",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "Cases",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PublishedAt",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionReason",
                table: "Cases",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RejectionWhereToTurn",
                table: "Cases",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Summary",
                table: "Cases",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    AskedByUserId = table.Column<string>(type: "TEXT", nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseQuestions_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseReferrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReferredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ResponseUpdatedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResponseUpdatedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseReferrals_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseReferrals_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_HandlerUserId",
                table: "Cases",
                columns: new[] { "ForbundId", "HandlerUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_IsPublished_PublishedAt",
                table: "Cases",
                columns: new[] { "ForbundId", "IsPublished", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseQuestions_CaseId",
                table: "CaseQuestions",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseReferrals_CaseId_Round_OrganisationId",
                table: "CaseReferrals",
                columns: new[] { "CaseId", "Round", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseReferrals_OrganisationId_Status_DueDate",
                table: "CaseReferrals",
                columns: new[] { "OrganisationId", "Status", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseQuestions");

            migrationBuilder.DropTable(
                name: "CaseReferrals");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ForbundId_HandlerUserId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ForbundId_IsPublished_PublishedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Answer",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "ConcludedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "HandlerUserId",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "IsPublished",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "PublishedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RejectionReason",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RejectionWhereToTurn",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Summary",
                table: "Cases");
        }
    }
}
