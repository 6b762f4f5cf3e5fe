using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LexHeller.Core.Data;

/// <summary>
/// Per-connection SQLite settings. busy_timeout lets SQLite wait inside the engine for a lock instead of the
/// provider's coarse retry loop; secure_delete zeroes freed space, so redacted text does not linger in free pages.
/// The journal is switched to WAL once at start-up (it persists in the file).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
