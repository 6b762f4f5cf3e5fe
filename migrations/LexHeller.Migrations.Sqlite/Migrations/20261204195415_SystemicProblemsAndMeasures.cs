using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SystemicProblemsAndMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SharesSystemicProblems",
                table: "Forbund",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PublishedWithoutApprovalReason",
                table: "Cases",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SystemicProblemId",
                table: "AgendaItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseLinks",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    OtherCaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseLinks", x => new { x.CaseId, x.OtherCaseId });
                    table.ForeignKey(
                        name: "FK_CaseLinks_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseLinks_Cases_OtherCaseId",
                        column: x => x.OtherCaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PublicationApprovals",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ApprovedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ApprovedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublicationApprovals", x => new { x.CaseId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_PublicationApprovals_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PublicationApprovals_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SystemicProblems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: true),
                    OwnerOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    ConflictPartyAId = table.Column<int>(type: "INTEGER", nullable: true),
                    ConflictPartyBId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Escalation = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    EscalatedTo = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemicProblems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SystemicProblems_Categories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "Categories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemicProblems_Forbund_ForbundId",
                        column: x => x.ForbundId,
                        principalTable: "Forbund",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemicProblems_Organisations_ConflictPartyAId",
                        column: x => x.ConflictPartyAId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemicProblems_Organisations_ConflictPartyBId",
                        column: x => x.ConflictPartyBId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemicProblems_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Measures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    SystemicProblemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    DueDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FollowUpDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DoneNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Effect = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    EffectNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FollowedUpAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DueRemindedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FollowUpRemindedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Measures_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Measures_Forbund_ForbundId",
                        column: x => x.ForbundId,
                        principalTable: "Forbund",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Measures_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Measures_SystemicProblems_SystemicProblemId",
                        column: x => x.SystemicProblemId,
                        principalTable: "SystemicProblems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SystemicProblemCases",
                columns: table => new
                {
                    SystemicProblemId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    CaseForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemicProblemCases", x => new { x.SystemicProblemId, x.CaseId });
                    table.ForeignKey(
                        name: "FK_SystemicProblemCases_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SystemicProblemCases_SystemicProblems_SystemicProblemId",
                        column: x => x.SystemicProblemId,
                        principalTable: "SystemicProblems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SystemicProblemEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemicProblemId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ActorForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    FromStatus = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ToStatus = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemicProblemEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SystemicProblemEvents_SystemicProblems_SystemicProblemId",
                        column: x => x.SystemicProblemId,
                        principalTable: "SystemicProblems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SystemicProblemParties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SystemicProblemId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemicProblemParties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SystemicProblemParties_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SystemicProblemParties_SystemicProblems_SystemicProblemId",
                        column: x => x.SystemicProblemId,
                        principalTable: "SystemicProblems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseImpacts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeasureId = table.Column<int>(type: "INTEGER", nullable: true),
                    SystemicProblemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseImpacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseImpacts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseImpacts_Measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "Measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_CaseImpacts_SystemicProblems_SystemicProblemId",
                        column: x => x.SystemicProblemId,
                        principalTable: "SystemicProblems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AgendaItems_SystemicProblemId",
                table: "AgendaItems",
                column: "SystemicProblemId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseImpacts_CaseId_At",
                table: "CaseImpacts",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseImpacts_MeasureId",
                table: "CaseImpacts",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseImpacts_SystemicProblemId",
                table: "CaseImpacts",
                column: "SystemicProblemId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseLinks_OtherCaseId",
                table: "CaseLinks",
                column: "OtherCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Measures_CaseId",
                table: "Measures",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Measures_ForbundId_FollowedUpAt_DueDate",
                table: "Measures",
                columns: new[] { "ForbundId", "FollowedUpAt", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Measures_OrganisationId",
                table: "Measures",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Measures_SystemicProblemId",
                table: "Measures",
                column: "SystemicProblemId");

            migrationBuilder.CreateIndex(
                name: "IX_PublicationApprovals_OrganisationId",
                table: "PublicationApprovals",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblemCases_CaseForbundId_SystemicProblemId",
                table: "SystemicProblemCases",
                columns: new[] { "CaseForbundId", "SystemicProblemId" });

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblemCases_CaseId",
                table: "SystemicProblemCases",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblemEvents_SystemicProblemId_At",
                table: "SystemicProblemEvents",
                columns: new[] { "SystemicProblemId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblemParties_OrganisationId",
                table: "SystemicProblemParties",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblemParties_SystemicProblemId_OrganisationId",
                table: "SystemicProblemParties",
                columns: new[] { "SystemicProblemId", "OrganisationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblems_CategoryId",
                table: "SystemicProblems",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblems_ConflictPartyAId",
                table: "SystemicProblems",
                column: "ConflictPartyAId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblems_ConflictPartyBId",
                table: "SystemicProblems",
                column: "ConflictPartyBId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblems_ForbundId_Status",
                table: "SystemicProblems",
                columns: new[] { "ForbundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SystemicProblems_OwnerOrganisationId",
                table: "SystemicProblems",
                column: "OwnerOrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_AgendaItems_SystemicProblems_SystemicProblemId",
                table: "AgendaItems",
                column: "SystemicProblemId",
                principalTable: "SystemicProblems",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AgendaItems_SystemicProblems_SystemicProblemId",
                table: "AgendaItems");

            migrationBuilder.DropTable(
                name: "CaseImpacts");

            migrationBuilder.DropTable(
                name: "CaseLinks");

            migrationBuilder.DropTable(
                name: "PublicationApprovals");

            migrationBuilder.DropTable(
                name: "SystemicProblemCases");

            migrationBuilder.DropTable(
                name: "SystemicProblemEvents");

            migrationBuilder.DropTable(
                name: "SystemicProblemParties");

            migrationBuilder.DropTable(
                name: "Measures");

            migrationBuilder.DropTable(
                name: "SystemicProblems");

            migrationBuilder.DropIndex(
                name: "IX_AgendaItems_SystemicProblemId",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "SharesSystemicProblems",
                table: "Forbund");

            migrationBuilder.DropColumn(
                name: "PublishedWithoutApprovalReason",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "SystemicProblemId",
                table: "AgendaItems");
        }
    }
}
