using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DigestsAndHandOver : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DigestId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Digestible",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ForbundId",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HandOvers",
                table: "Outbox",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "HandedOverAt",
                table: "Outbox",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "Outbox",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MessageKey",
                table: "Outbox",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RecipientUserId",
                table: "Outbox",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "DigestTime",
                table: "Forbund",
                type: "TEXT",
                nullable: false,
                defaultValue: new TimeOnly(7, 0, 0));

            migrationBuilder.AddColumn<int>(
                name: "MailDelivery",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "DigestRuns",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DigestId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestRuns", x => new { x.UserId, x.ForbundId, x.Day });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_CreatedAt",
                table: "Outbox",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_RecipientUserId_ForbundId",
                table: "Outbox",
                columns: new[] { "RecipientUserId", "ForbundId" });

            // Mails written before this version get a Message-Id key of their own.
            migrationBuilder.Sql("UPDATE Outbox SET MessageKey = lower(hex(randomblob(16))) WHERE MessageKey = '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestRuns");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_CreatedAt",
                table: "Outbox");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_RecipientUserId_ForbundId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "DigestId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Digestible",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ForbundId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "HandOvers",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "HandedOverAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "Link",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "MessageKey",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "RecipientUserId",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "DigestTime",
                table: "Forbund");

            migrationBuilder.DropColumn(
                name: "MailDelivery",
                table: "AspNetUsers");
        }
    }
}
