using Microsoft.EntityFrameworkCore;

namespace LexHeller.Testing;

/// <summary>
/// A fault at the database itself, for tests of what a half-done piece of work leaves behind: a trigger that fails the
/// statement touching one row of one table, written for the app's provider (SQLite's RAISE(ABORT) or a PL/pgSQL
/// function raising an exception). Dispose removes it.
/// </summary>
public sealed class FailingTrigger : IAsyncDisposable
{
    private readonly AppFactory _app;
    private readonly string _name;
    private readonly string _table;
    private bool _dropped;

    private FailingTrigger(AppFactory app, string name, string table)
    {
        _app = app;
        _name = name;
        _table = table;
    }

    /// <summary>
    /// Fails <paramref name="operation"/> (e.g. <c>DELETE</c> or <c>UPDATE OF "GallradAt"</c>) on the row of
    /// <paramref name="table"/> whose Id is <paramref name="id"/>, with <paramref name="message"/>.
    /// </summary>
    public static async Task<FailingTrigger> CreateAsync(AppFactory app, string name, string operation, string table, int id, string message)
    {
        // DDL takes no parameters: the name, operation and table come from the test's own code, the id is an int,
        // and the message is quoted.
        var row = operation.StartsWith("DELETE", StringComparison.Ordinal) ? "OLD" : "NEW";
        var text = message.Replace("'", "''", StringComparison.Ordinal);
        var sql = app.OnSqlite
            ? $"CREATE TRIGGER {name} BEFORE {operation} ON \"{table}\" WHEN {row}.\"Id\" = {id} BEGIN SELECT RAISE(ABORT, '{text}'); END;"
            : $"""
               CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{text}'; END $$;
               CREATE TRIGGER {name} BEFORE {operation} ON "{table}" FOR EACH ROW WHEN ({row}."Id" = {id}) EXECUTE FUNCTION {name}();
               """;
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
        return new FailingTrigger(app, name, table);
    }

    public async ValueTask DisposeAsync()
    {
        if (_dropped) return;
        _dropped = true;
        var sql = _app.OnSqlite ? $"DROP TRIGGER {_name};" : $"DROP TRIGGER {_name} ON \"{_table}\"; DROP FUNCTION {_name}();";
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }
}
