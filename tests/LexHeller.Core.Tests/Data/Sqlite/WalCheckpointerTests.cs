using LexHeller.Core.Data.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace LexHeller.Core.Tests.Data.Sqlite;

public sealed class WalCheckpointerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lexheller-wal-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_checkpoint_copies_the_committed_log_into_the_database_file()
    {
        var path = Path.Combine(_folder, "wal.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        await using var writer = new SqliteConnection(connectionString);
        await writer.OpenAsync();
        await Exec(writer, "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE Rows (Id INTEGER PRIMARY KEY, Text TEXT);");
        await Exec(writer, "PRAGMA wal_checkpoint(TRUNCATE);");
        var before = new FileInfo(path).Length;

        await Exec(writer, "BEGIN; WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) " +
                           "INSERT INTO Rows (Text) SELECT printf('rad %d med lite text som tar plats', i) FROM n; COMMIT;");
        Assert.Equal(before, new FileInfo(path).Length);
        Assert.True(new FileInfo(path + "-wal").Length > 0);

        await new WalCheckpointer(connectionString, TimeProvider.System, NullLogger<WalCheckpointer>.Instance).CheckpointAsync();

        Assert.True(new FileInfo(path).Length > before, "the rows reached the database file");
        await using var reader = new SqliteConnection(connectionString);
        await reader.OpenAsync();
        await using var count = reader.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM Rows";
        Assert.Equal(2000L, await count.ExecuteScalarAsync());
    }

    private static async Task Exec(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
