using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ForbundId_State",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_State_CategoryId",
                table: "Cases",
                columns: new[] { "ForbundId", "State", "CategoryId" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_State_ReferenceYear_ReferenceSequence",
                table: "Cases",
                columns: new[] { "ForbundId", "State", "ReferenceYear", "ReferenceSequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_ForbundId_State_CategoryId",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_ForbundId_State_ReferenceYear_ReferenceSequence",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_ForbundId_State",
                table: "Cases",
                columns: new[] { "ForbundId", "State" });
        }
    }
}
