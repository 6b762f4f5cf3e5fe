using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Disclosure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DisclosureRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RequesterName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequesterContact = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RegisteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RegisteredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReleasedPdf = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DecisionPdf = table.Column<byte[]>(type: "BLOB", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisclosureRequests_Forbund_ForbundId",
                        column: x => x.ForbundId,
                        principalTable: "Forbund",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureCases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisclosureCases_DisclosureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DisclosureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DisclosureMasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Passage = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Provision = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RequestId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisclosureMasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DisclosureMasks_DisclosureRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "DisclosureRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureCases_RequestId_CaseId",
                table: "DisclosureCases",
                columns: new[] { "RequestId", "CaseId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureMasks_RequestId",
                table: "DisclosureMasks",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_DisclosureRequests_ForbundId_State",
                table: "DisclosureRequests",
                columns: new[] { "ForbundId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DisclosureCases");

            migrationBuilder.DropTable(
                name: "DisclosureMasks");

            migrationBuilder.DropTable(
                name: "DisclosureRequests");
        }
    }
}
