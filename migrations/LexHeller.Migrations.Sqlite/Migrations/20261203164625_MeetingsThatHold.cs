using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MeetingsThatHold : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AttachmentId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ChairUserId",
                table: "Meetings",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "EmptyAgendaConfirmed",
                table: "Meetings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "FirstParagraph",
                table: "Meetings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MinutesSubmittedAt",
                table: "Meetings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OtherBusiness",
                table: "Meetings",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SecretaryUserId",
                table: "Meetings",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AlterColumn<int>(
                name: "CaseId",
                table: "AgendaItems",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<string>(
                name: "DecisionText",
                table: "AgendaItems",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "AgendaItems",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Case");

            migrationBuilder.AddColumn<bool>(
                name: "Late",
                table: "AgendaItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "AgendaItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Removal",
                table: "AgendaItems",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RemovalOutcome",
                table: "AgendaItems",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RemovedAt",
                table: "AgendaItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Text",
                table: "AgendaItems",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Title",
                table: "AgendaItems",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MailAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailAttachments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeetingJustifiers",
                columns: table => new
                {
                    MeetingId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingJustifiers", x => new { x.MeetingId, x.UserId });
                    table.ForeignKey(
                        name: "FK_MeetingJustifiers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingJustifiers_Meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "Meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_AttachmentId",
                table: "Outbox",
                column: "AttachmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_ChairUserId",
                table: "Meetings",
                column: "ChairUserId");

            migrationBuilder.CreateIndex(
                name: "IX_Meetings_SecretaryUserId",
                table: "Meetings",
                column: "SecretaryUserId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingJustifiers_UserId",
                table: "MeetingJustifiers",
                column: "UserId");

            migrationBuilder.AddForeignKey(
                name: "FK_Meetings_AspNetUsers_ChairUserId",
                table: "Meetings",
                column: "ChairUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Meetings_AspNetUsers_SecretaryUserId",
                table: "Meetings",
                column: "SecretaryUserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Outbox_MailAttachments_AttachmentId",
                table: "Outbox",
                column: "AttachmentId",
                principalTable: "MailAttachments",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        
            // Items of earlier agendas keep the order they were added in; finalised minutes count as submitted.
            migrationBuilder.Sql("UPDATE AgendaItems SET Position = (SELECT COUNT(*) FROM AgendaItems AS a WHERE a.MeetingId = AgendaItems.MeetingId AND a.Id <= AgendaItems.Id)");
            migrationBuilder.Sql("UPDATE Meetings SET MinutesSubmittedAt = MinutesFinalisedAt WHERE MinutesFinalisedAt IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Meetings_AspNetUsers_ChairUserId",
                table: "Meetings");

            migrationBuilder.DropForeignKey(
                name: "FK_Meetings_AspNetUsers_SecretaryUserId",
                table: "Meetings");

            migrationBuilder.DropForeignKey(
                name: "FK_Outbox_MailAttachments_AttachmentId",
                table: "Outbox");

            migrationBuilder.DropTable(
                name: "MailAttachments");

            migrationBuilder.DropTable(
                name: "MeetingJustifiers");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_AttachmentId",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_ChairUserId",
                table: "Meetings");

            migrationBuilder.DropIndex(
                name: "IX_Meetings_SecretaryUserId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "AttachmentId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "CalendarSequence",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "ChairUserId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "EmptyAgendaConfirmed",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "FirstParagraph",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "MinutesSubmittedAt",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "OtherBusiness",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "SecretaryUserId",
                table: "Meetings");

            migrationBuilder.DropColumn(
                name: "DecisionText",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "Late",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "Removal",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "RemovalOutcome",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "RemovedAt",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "Text",
                table: "AgendaItems");

            migrationBuilder.DropColumn(
                name: "Title",
                table: "AgendaItems");

            migrationBuilder.AlterColumn<int>(
                name: "CaseId",
                table: "AgendaItems",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
