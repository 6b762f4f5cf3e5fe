using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class LoginSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LastLoginAt",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LoginSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    IdentityProviderId = table.Column<int>(type: "INTEGER", nullable: true),
                    ProviderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Acr = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    StrongAuthentication = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthenticatorCode = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExternalSessionId = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ExternalSubject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    IdTokenHint = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoginSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LoginSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LoginSessions_IdentityProviders_IdentityProviderId",
                        column: x => x.IdentityProviderId,
                        principalTable: "IdentityProviders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoginSessions_IdentityProviderId_ExternalSessionId",
                table: "LoginSessions",
                columns: new[] { "IdentityProviderId", "ExternalSessionId" });

            migrationBuilder.CreateIndex(
                name: "IX_LoginSessions_IdentityProviderId_ExternalSubject",
                table: "LoginSessions",
                columns: new[] { "IdentityProviderId", "ExternalSubject" });

            migrationBuilder.CreateIndex(
                name: "IX_LoginSessions_UserId_StartedAt",
                table: "LoginSessions",
                columns: new[] { "UserId", "StartedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoginSessions");

            migrationBuilder.DropColumn(
                name: "LastLoginAt",
                table: "AspNetUsers");
        }
    }
}
