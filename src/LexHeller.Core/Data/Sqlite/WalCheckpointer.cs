using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LexHeller.Core.Data.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file once a second, off the request path. Left to SQLite, the
/// request whose commit pushes the log past its threshold does the copy and its two fsyncs (every fifteen or so
/// filings); with this running, commits only append to the log. The connections keep a high
/// <see cref="SqlitePragmas.AutoCheckpointPages"/> threshold as a backstop should this ever stop.
/// </summary>
public sealed class WalCheckpointer(string connectionString, TimeProvider clock, ILogger<WalCheckpointer> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await CheckpointAsync(stoppingToken);
                }
                catch (SqliteException e)
                {
                    // A busy or locked file is tried again at the next tick; the backstop threshold still holds.
                    log.LogWarning(e, "WAL checkpoint failed; trying again in {Interval}", Interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>A passive checkpoint: copies what no reader still needs, never waits for or blocks anyone.</summary>
    public async Task CheckpointAsync(CancellationToken ct = default)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 0; PRAGMA wal_checkpoint(PASSIVE);";
        await command.ExecuteNonQueryAsync(ct);
    }
}
