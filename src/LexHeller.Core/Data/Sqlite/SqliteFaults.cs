using Microsoft.Data.Sqlite;

namespace LexHeller.Core.Data.Sqlite;

/// <summary>SQLite's result codes for a file that cannot take work now, as opposed to a constraint or a statement at fault.</summary>
internal static class SqliteFaults
{
    // https://sqlite.org/rescode.html (primary codes; extended codes carry them in the low byte).
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Corrupt = 11, Full = 13, CantOpen = 14, NotADatabase = 26;

    public static bool IsUnavailable(SqliteException e) =>
        (e.SqliteErrorCode & 0xFF) is Busy or Locked or ReadOnly or IoError or Full or CantOpen or NotADatabase;

    public static string Describe(SqliteException e) => (e.SqliteErrorCode & 0xFF) switch
    {
        CantOpen => "filen går inte att öppna (finns mappen, och får appen läsa och skriva där?)",
        NotADatabase => "filen är ingen SQLite-databas",
        Corrupt => "databasfilen är skadad",
        Busy or Locked => "databasen är låst av en annan process",
        ReadOnly => "databasen går bara att läsa, inte skriva",
        IoError => "filen gick inte att läsa eller skriva (disken?)",
        Full => "disken är full",
        var code => $"SQLite svarade med felkod {code}",
    };
}
