using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class StateCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseStateCounts",
                columns: table => new
                {
                    ForbundId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseStateCounts", x => new { x.ForbundId, x.State });
                    table.ForeignKey(
                        name: "FK_CaseStateCounts_Forbund_ForbundId",
                        column: x => x.ForbundId,
                        principalTable: "Forbund",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // The counts are kept by the database itself, in the statement that inserts, moves or deletes a case.
            migrationBuilder.Sql(@"CREATE TRIGGER Cases_count_insert AFTER INSERT ON Cases BEGIN
    INSERT INTO CaseStateCounts (ForbundId, State, Count) VALUES (new.ForbundId, new.State, 1)
        ON CONFLICT (ForbundId, State) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER Cases_count_update AFTER UPDATE OF ForbundId, State ON Cases
WHEN old.State IS NOT new.State OR old.ForbundId IS NOT new.ForbundId BEGIN
    UPDATE CaseStateCounts SET Count = Count - 1 WHERE ForbundId = old.ForbundId AND State = old.State;
    INSERT INTO CaseStateCounts (ForbundId, State, Count) VALUES (new.ForbundId, new.State, 1)
        ON CONFLICT (ForbundId, State) DO UPDATE SET Count = Count + 1;
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER Cases_count_delete AFTER DELETE ON Cases BEGIN
    UPDATE CaseStateCounts SET Count = Count - 1 WHERE ForbundId = old.ForbundId AND State = old.State;
END;");
            // Existing cases are counted once, in the migration's transaction.
            migrationBuilder.Sql("INSERT INTO CaseStateCounts (ForbundId, State, Count) SELECT ForbundId, State, COUNT(*) FROM Cases GROUP BY ForbundId, State;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Cases_count_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Cases_count_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Cases_count_delete;");
            migrationBuilder.DropTable(
                name: "CaseStateCounts");
        }
    }
}
