using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LexHeller.Core.Data.Sqlite;

/// <summary>
/// Per-connection SQLite settings, applied once to each physical connection (a pooled connection keeps them).
/// busy_timeout lets SQLite wait inside the engine for a lock instead of the provider's coarse retry loop;
/// secure_delete zeroes freed space, so redacted text does not linger in free pages; mmap reads the file through
/// memory mapping; temp_store keeps statement journals in memory; checkpoints are left to
/// <see cref="WalCheckpointer"/>. The journal is switched to WAL once at start-up (it persists in the file).
/// </summary>
public sealed class SqlitePragmas : DbConnectionInterceptor
{
    /// <summary>
    /// The log size (in pages) at which a committing connection checkpoints by itself: a backstop, since
    /// <see cref="WalCheckpointer"/> checkpoints in the background every second (SQLite's default is 1,000).
    /// </summary>
    public const int AutoCheckpointPages = 20_000;

    // temp_store: a filing's statement journal (a Cases row touches thirteen indexes and the full-text index)
    // outgrows SQLite's 64 KiB in-memory limit and would otherwise go to a temporary file, created and deleted per filing.
    private static readonly string Pragmas = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON; " +
        $"PRAGMA mmap_size = 268435456; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = {AutoCheckpointPages}; PRAGMA journal_size_limit = 67108864;";

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
