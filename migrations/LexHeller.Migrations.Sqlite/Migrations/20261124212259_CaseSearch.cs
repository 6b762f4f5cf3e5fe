using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LexHeller.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Full-text search over the texts of a case, kept in step with every change (redactions included)
            // by triggers, so no code path can forget it.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE CaseSearch USING fts5(Reference, Body, tokenize = 'unicode61 remove_diacritics 0', prefix = '2 3');");
            migrationBuilder.Sql(@"CREATE TRIGGER Cases_search_insert AFTER INSERT ON Cases BEGIN
    INSERT INTO CaseSearch (rowid, Reference, Body) VALUES (new.Id, coalesce(new.Reference, ''), coalesce(new.WhatHappened, '') || ' ' || coalesce(new.Consequences, '') || ' ' || coalesce(new.Suggestion, '') || ' ' || coalesce(new.Summary, '') || ' ' || coalesce(new.Answer, ''));
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER Cases_search_update AFTER UPDATE OF Reference, WhatHappened, Consequences, Suggestion, Summary, Answer ON Cases BEGIN
    DELETE FROM CaseSearch WHERE rowid = old.Id;
    INSERT INTO CaseSearch (rowid, Reference, Body) VALUES (new.Id, coalesce(new.Reference, ''), coalesce(new.WhatHappened, '') || ' ' || coalesce(new.Consequences, '') || ' ' || coalesce(new.Suggestion, '') || ' ' || coalesce(new.Summary, '') || ' ' || coalesce(new.Answer, ''));
END;");
            migrationBuilder.Sql(@"CREATE TRIGGER Cases_search_delete AFTER DELETE ON Cases BEGIN
    DELETE FROM CaseSearch WHERE rowid = old.Id;
END;");
            migrationBuilder.Sql(@"INSERT INTO CaseSearch (rowid, Reference, Body)
    SELECT Id, coalesce(Reference, ''), coalesce(WhatHappened, '') || ' ' || coalesce(Consequences, '') || ' ' || coalesce(Suggestion, '') || ' ' || coalesce(Summary, '') || ' ' || coalesce(Answer, '') FROM Cases;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Cases_search_insert;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Cases_search_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Cases_search_delete;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS CaseSearch;");
        }
    }
}
