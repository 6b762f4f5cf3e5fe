using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchMerging : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The full-text index no longer merges its segments inside every writing transaction (on a million
            // cases that was about half a millisecond per filing on average and up to 130 ms for one). Writers only
            // merge when a level reaches 16 segments; DatabaseMaintenanceJob merges the rest in the background.
            migrationBuilder.Sql("INSERT INTO CaseSearch (CaseSearch, rank) VALUES ('automerge', 0);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("INSERT INTO CaseSearch (CaseSearch, rank) VALUES ('automerge', 4);");
        }
    }
}
