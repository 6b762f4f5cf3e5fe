using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RoleOffersAndReporterBoundMail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NeutralSubject",
                table: "Outbox",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ReporterBound",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "DeclinedAt",
                table: "Invitations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Invitations",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ForbundId",
                table: "Invitations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OrganisationIds",
                table: "Invitations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Role",
                table: "Invitations",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_ForbundId_UsedAt",
                table: "Invitations",
                columns: new[] { "ForbundId", "UsedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Invitations_Forbund_ForbundId",
                table: "Invitations",
                column: "ForbundId",
                principalTable: "Forbund",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            // Mails written before the flag existed: one to a case's reporter about that case (the subject starts
            // with the case's reference) tells who reported it, and so does a digest that gathered such a mail.
            migrationBuilder.Sql(@"UPDATE Outbox SET ReporterBound = 1, NeutralSubject = substr(Outbox.Subject, length(c.Reference) + 3)
FROM Cases AS c
WHERE c.ForbundId = Outbox.ForbundId AND c.ReporterUserId = Outbox.RecipientUserId AND c.Reference IS NOT NULL
  AND substr(Outbox.Subject, 1, length(c.Reference) + 2) = c.Reference || ': ';");
            migrationBuilder.Sql(@"UPDATE Outbox SET ReporterBound = 1, NeutralSubject = Subject
WHERE Id IN (SELECT DigestId FROM Outbox WHERE ReporterBound = 1 AND DigestId IS NOT NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Invitations_Forbund_ForbundId",
                table: "Invitations");

            migrationBuilder.DropIndex(
                name: "IX_Invitations_ForbundId_UsedAt",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "NeutralSubject",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ReporterBound",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "DeclinedAt",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "ForbundId",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "OrganisationIds",
                table: "Invitations");

            migrationBuilder.DropColumn(
                name: "Role",
                table: "Invitations");
        }
    }
}
