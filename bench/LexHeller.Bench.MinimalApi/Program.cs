using System.Data.Common;
using Microsoft.Data.Sqlite;

// The bare limit of the stack for the benchmark: Kestrel, a minimal API and raw SQLite, no EF, no pages,
// no authentication. Same database file as the app.
var builder = WebApplication.CreateSlimBuilder(args);
var database = builder.Configuration["Bench:Database"] ?? throw new InvalidOperationException("Bench:Database is required");
var connectionString = new SqliteConnectionStringBuilder { DataSource = database }.ToString();
var app = builder.Build();

await using (var setup = await OpenAsync())
    await ExecAsync(setup, "CREATE TABLE IF NOT EXISTS BareRows (Id INTEGER PRIMARY KEY, At INTEGER NOT NULL, Text TEXT NOT NULL);");

app.MapPost("/insert", async (HttpRequest request) =>
{
    var form = await request.ReadFormAsync();
    await using var connection = await OpenAsync();
    await using var command = connection.CreateCommand();
    command.CommandText = "INSERT INTO BareRows (At, Text) VALUES ($at, $text) RETURNING Id";
    command.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
    command.Parameters.AddWithValue("$text", (string?)form["text"] ?? "");
    return Results.Ok(new { id = (long)(await command.ExecuteScalarAsync())! });
});

// The kansli inbox's queries, as the app runs them for one state and one category: the filter options, the
// counts per state (read from CaseStateCounts, as the app does), the filtered total and the first page of 50 with category and handler names.
app.MapGet("/inbox.json", async (int forbund, string status, int kategori) =>
{
    await using var connection = await OpenAsync();
    var categories = await RowsAsync(connection, "SELECT Id, Name, IsActive FROM Categories WHERE ForbundId = $f ORDER BY SortOrder",
        r => new { id = r.GetInt32(0), name = r.GetString(1), active = r.GetBoolean(2) }, ("$f", forbund));
    var partners = await RowsAsync(connection, "SELECT m.OrganisationId, o.Name FROM ForbundMembers m JOIN Organisations o ON o.Id = m.OrganisationId WHERE m.ForbundId = $f",
        r => new { id = r.GetInt32(0), name = r.GetString(1) }, ("$f", forbund));
    var others = await RowsAsync(connection, "SELECT Id, Name FROM Organisations WHERE Kind = 'OtherActor'",
        r => new { id = r.GetInt32(0), name = r.GetString(1) });
    var kansli = await RowsAsync(connection,
        "SELECT m.UserId, u.FullName, m.IsActive FROM Memberships m JOIN AspNetUsers u ON u.Id = m.UserId WHERE m.ForbundId = $f AND m.Role = 'Kansli'",
        r => new { id = r.GetString(0), name = r.GetString(1), active = r.GetBoolean(2) }, ("$f", forbund));
    var counts = await RowsAsync(connection, "SELECT State, Count FROM CaseStateCounts WHERE ForbundId = $f AND State <> 'Utkast'",
        r => new { state = r.GetString(0), count = r.GetInt32(1) }, ("$f", forbund));
    var total = await RowsAsync(connection, "SELECT COUNT(*) FROM Cases WHERE ForbundId = $f AND State <> 'Utkast' AND State = $s AND CategoryId = $k",
        r => r.GetInt32(0), ("$f", forbund), ("$s", status), ("$k", kategori));
    var rows = await RowsAsync(connection, """
        SELECT c.Id, c.Reference, c.Kind, (SELECT k.Name FROM Categories k WHERE k.Id = c.CategoryId LIMIT 1), c.State, c.SubmittedAt,
               c.HandlerUserId, (SELECT u.FullName FROM AspNetUsers u WHERE u.Id = c.HandlerUserId LIMIT 1), c.UpdatedAt
        FROM Cases c WHERE c.ForbundId = $f AND c.State <> 'Utkast' AND c.State = $s AND c.CategoryId = $k
        ORDER BY c.ReferenceYear DESC, c.ReferenceSequence DESC LIMIT 50
        """,
        r => new
        {
            id = r.GetInt32(0), reference = r.GetString(1), kind = r.GetString(2), category = r.IsDBNull(3) ? null : r.GetString(3),
            state = r.GetString(4), submittedAt = r.IsDBNull(5) ? (long?)null : r.GetInt64(5), handlerId = r.IsDBNull(6) ? null : r.GetString(6),
            handler = r.IsDBNull(7) ? null : r.GetString(7), updatedAt = r.GetInt64(8),
        },
        ("$f", forbund), ("$s", status), ("$k", kategori));
    return Results.Ok(new { categories, partners, others, kansli, counts, total = total[0], rows });
});

app.MapGet("/", () => "ok");
await app.RunAsync();

async Task<SqliteConnection> OpenAsync()
{
    var connection = new SqliteConnection(connectionString);
    await connection.OpenAsync();
    // As the app does per connection: wait inside SQLite for the write lock instead of the provider's retry loop,
    // and the same durability (WAL, no fsync per commit).
    await ExecAsync(connection, "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;");
    return connection;
}

static async Task ExecAsync(SqliteConnection connection, string sql)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    await command.ExecuteNonQueryAsync();
}

static async Task<List<T>> RowsAsync<T>(SqliteConnection connection, string sql, Func<DbDataReader, T> read, params (string Name, object Value)[] parameters)
{
    await using var command = connection.CreateCommand();
    command.CommandText = sql;
    foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
    var result = new List<T>();
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync()) result.Add(read(reader));
    return result;
}
