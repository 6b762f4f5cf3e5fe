using Microsoft.Data.Sqlite;

namespace LexHeller.Bench.Generate;

/// <summary>One prepared INSERT, executed once per row with its parameters overwritten in place.</summary>
internal sealed class BulkInsert : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public BulkInsert(SqliteConnection connection, string table, params string[] columns)
    {
        _command = connection.CreateCommand();
        _command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                               $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        _parameters = columns.Select((_, i) => _command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value))).ToArray();
        _command.Prepare();
    }

    public long Rows { get; private set; }

    public BulkInsert Set(int index, object? value)
    {
        _parameters[index].Value = value ?? DBNull.Value;
        return this;
    }

    public void Run()
    {
        _command.ExecuteNonQuery();
        Rows++;
    }

    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public void Dispose() => _command.Dispose();
}
