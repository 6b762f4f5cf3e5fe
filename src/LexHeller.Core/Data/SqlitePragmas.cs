using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LexHeller.Core.Data;

/// <summary>
/// Per-connection SQLite settings, applied once to each physical connection (a pooled connection keeps them).
/// busy_timeout lets SQLite wait inside the engine for a lock instead of the provider's coarse retry loop;
/// secure_delete zeroes freed space, so redacted text does not linger in free pages; mmap reads the file through
/// memory mapping. The journal is switched to WAL once at start-up (it persists in the file).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; PRAGMA mmap_size = 268435456;";

    private static readonly ConditionalWeakTable<object, object> Applied = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>True the first time a physical connection is seen.</summary>
    private static bool NeedsPragmas(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle }) return true;
        return Applied.TryAdd(handle, Applied);
    }
}
