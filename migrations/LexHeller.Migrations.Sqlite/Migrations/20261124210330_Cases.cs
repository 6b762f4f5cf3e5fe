using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Cases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ReporterUserId = table.Column<string>(type: "TEXT", nullable: false),
                    ReporterOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    FormKey = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reference = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ReferenceYear = table.Column<int>(type: "INTEGER", nullable: true),
                    ReferenceSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    EventDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    WhatHappened = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Consequences = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Suggestion = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    AgeBand = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    SolvedLocally = table.Column<bool>(type: "INTEGER", nullable: true),
                    HandoverFromOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    HandoverToOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    HandoverSentDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    HandoverReceived = table.Column<bool>(type: "INTEGER", nullable: true),
                    DaysWaited = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Cases_AspNetUsers_ReporterUserId",
                        column: x => x.ReporterUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Forbund_ForbundId",
                        column: x => x.ForbundId,
                        principalTable: "Forbund",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Cases_Organisations_ReporterOrganisationId",
                        column: x => x.ReporterOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReferenceCounters",
                columns: table => new
                {
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Last = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReferenceCounters", x => new { x.ForbundId, x.Year });
                    table.ForeignKey(
                        name: "FK_ReferenceCounters_Forbund_ForbundId",
                        column: x => x.ForbundId,
                        principalTable: "Forbund",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", nullable: false),
                    ActorRole = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEvents_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseParties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    OtherActorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseParties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseParties_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseParties_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RuleConflicts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    PartyAOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    PartyAName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequirementA = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RuleA = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PartyBOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    PartyBName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RequirementB = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RuleB = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleConflicts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RuleConflicts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RuleConflicts_Organisations_PartyAOrganisationId",
                        column: x => x.PartyAOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RuleConflicts_Organisations_PartyBOrganisationId",
                        column: x => x.PartyBOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEvents_CaseId_At",
                table: "CaseEvents",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_CaseId",
                table: "CaseParties",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseParties_OrganisationId",
                table: "CaseParties",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_CategoryId",
                table: "Cases",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_ReferenceYear_ReferenceSequence",
                table: "Cases",
                columns: new[] { "ForbundId", "ReferenceYear", "ReferenceSequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_State",
                table: "Cases",
                columns: new[] { "ForbundId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Reference",
                table: "Cases",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReporterOrganisationId",
                table: "Cases",
                column: "ReporterOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReporterUserId_FormKey",
                table: "Cases",
                columns: new[] { "ReporterUserId", "FormKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ReporterUserId_UpdatedAt",
                table: "Cases",
                columns: new[] { "ReporterUserId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_RuleConflicts_CaseId",
                table: "RuleConflicts",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleConflicts_PartyAOrganisationId",
                table: "RuleConflicts",
                column: "PartyAOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RuleConflicts_PartyBOrganisationId",
                table: "RuleConflicts",
                column: "PartyBOrganisationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseEvents");

            migrationBuilder.DropTable(
                name: "CaseParties");

            migrationBuilder.DropTable(
                name: "ReferenceCounters");

            migrationBuilder.DropTable(
                name: "RuleConflicts");

            migrationBuilder.DropTable(
                name: "Cases");
        }
    }
}
