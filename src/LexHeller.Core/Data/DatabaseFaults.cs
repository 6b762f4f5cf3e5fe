using System.Data.Common;
using System.Net.Sockets;
using LexHeller.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;

namespace LexHeller.Core.Data;

/// <summary>
/// Tells a database that cannot take work right now (unreachable, locked, timed out) from a fault in the work itself
/// (a constraint violated, a statement wrong). The first is worth trying again in a minute and says nothing about
/// the request; the second is a bug or a conflict to report as such. Read through the whole chain of inner
/// exceptions, since EF Core wraps the provider's exception (DbUpdateException, a retrying strategy's
/// InvalidOperationException). Engines are recognised by what every ADO.NET provider reports
/// (<see cref="DbException.IsTransient"/> and the SQLSTATE class), SQLite by its own result codes.
/// </summary>
public static class DatabaseFaults
{
    /// <summary>The database could not be reached or could not take the work now; nothing of the work was committed.</summary>
    public static bool IsUnavailable(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case TimeoutException or SocketException:
                    return true;
                case SqliteException sqlite:
                    return SqliteFaults.IsUnavailable(sqlite);
                case DbException db when db.IsTransient || IsUnavailableState(db.SqlState):
                    return true;
            }
        }
        return false;
    }

    /// <summary>Any failure of the database itself (unavailable, refused, not a database), as opposed to the app's own faults.</summary>
    public static bool IsDatabaseFailure(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is DbException or TimeoutException or SocketException) return true;
        return false;
    }

    /// <summary>Why the database could not be used, in Swedish for the operator; never the provider's own message (it may name a user).</summary>
    public static string Describe(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case SqliteException sqlite:
                    return SqliteFaults.Describe(sqlite);
                case TimeoutException:
                    return "den svarade inte i tid";
                case SocketException:
                    return "servern går inte att nå (fel värd eller port, eller servern är nere)";
                case DbException { SqlState: { Length: 5 } state }:
                    return state switch
                    {
                        "28000" or "28P01" => "inloggningen nekades (kontrollera användare och lösenord)",
                        "3D000" => "databasen finns inte på servern",
                        _ when state.StartsWith("08", StringComparison.Ordinal) => "anslutningen bröts eller kunde inte upprättas",
                        _ when state.StartsWith("57P", StringComparison.Ordinal) => "servern håller på att stänga eller starta",
                        _ when state.StartsWith("53", StringComparison.Ordinal) => "servern har slut på resurser (anslutningar, minne eller disk)",
                        _ => $"servern svarade med felkod {state}",
                    };
            }
        }
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (x is DbException db) return $"den gick inte att använda ({db.GetType().Name})";
        return $"den gick inte att använda ({e.GetType().Name})";
    }

    // SQLSTATE classes that mean the server or the connection, not the statement: 08 connection exception,
    // 53 insufficient resources, 57P0x the server shutting down or starting.
    private static bool IsUnavailableState(string? state) =>
        state is not null && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
            || state.StartsWith("57P", StringComparison.Ordinal));
}
