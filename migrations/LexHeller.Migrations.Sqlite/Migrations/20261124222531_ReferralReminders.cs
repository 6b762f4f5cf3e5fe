using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReferralReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OverdueNotifiedAt",
                table: "CaseReferrals",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ReminderSentAt",
                table: "CaseReferrals",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OverdueNotifiedAt",
                table: "CaseReferrals");

            migrationBuilder.DropColumn(
                name: "ReminderSentAt",
                table: "CaseReferrals");
        }
    }
}
