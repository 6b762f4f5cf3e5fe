using System.Data.Common;
using System.Net.Sockets;
using LexHeller.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Tests.Data;

/// <summary>Which failures answer "try again in a minute" (503) and which are the work's own fault (a name taken, a bug).</summary>
public class DatabaseFaultsTests
{
    private sealed class ServerException(string? state, bool transient = false) : DbException("server")
    {
        public override string? SqlState => state;
        public override bool IsTransient => transient;
    }

    public static TheoryData<Exception, bool> Cases => new()
    {
        { new SqliteException("database is locked", 5), true },
        { new SqliteException("database table is locked", 6), true },
        { new SqliteException("unable to open database file", 14), true },
        { new SqliteException("file is not a database", 26), true },
        { new SqliteException("busy snapshot", 5, 517), true },
        { new SqliteException("UNIQUE constraint failed", 19, 2067), false },
        { new SqliteException("no such table", 1), false },
        { new DbUpdateException("save", new SqliteException("database is locked", 5)), true },
        { new DbUpdateException("save", new SqliteException("UNIQUE constraint failed", 19)), false },
        { new InvalidOperationException("transient", new TimeoutException()), true },
        { new ServerException("08006"), true },
        { new ServerException("57P01"), true },
        { new ServerException("53300"), true },
        { new ServerException(null, transient: true), true },
        { new DbUpdateException("save", new ServerException("23505")), false },
        { new ServerException("42P01"), false },
        { new ServerException(null, transient: false), false },
        { new InvalidOperationException("a bug"), false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Unavailable_is_told_from_the_work_at_fault(Exception e, bool unavailable) =>
        Assert.Equal(unavailable, DatabaseFaults.IsUnavailable(e));

    [Fact]
    public void The_reason_is_in_Swedish_and_never_the_providers_message()
    {
        Assert.Equal("filen är ingen SQLite-databas", DatabaseFaults.Describe(new SqliteException("file is not a database", 26)));
        Assert.Equal("inloggningen nekades (kontrollera användare och lösenord)",
            DatabaseFaults.Describe(new InvalidOperationException("x", new ServerException("28P01"))));
        Assert.Equal("servern går inte att nå (fel värd eller port, eller servern är nere)",
            DatabaseFaults.Describe(new InvalidOperationException("x", new SocketException(111))));
    }
}
