using LexHeller.Core.Data;
using LexHeller.Core.Data.Sqlite;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LexHeller.Web.Tests.Setup;

// SQLite's pragmas, which PostgreSQL has no counterpart of.
[Trait("Database", "Sqlite")]
public class ConnectionSettingsTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<long> PragmaAsync(string name) => app.WithDbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name};";
            return Convert.ToInt64(await command.ExecuteScalarAsync());
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    [Fact]
    public async Task Every_connection_keeps_statement_journals_in_memory_and_leaves_checkpoints_to_the_background()
    {
        Assert.Equal(2, await PragmaAsync("temp_store"));
        Assert.Equal(SqlitePragmas.AutoCheckpointPages, await PragmaAsync("wal_autocheckpoint"));
        Assert.Equal(5000, await PragmaAsync("busy_timeout"));
        Assert.Single(app.Services.GetServices<IHostedService>().OfType<WalCheckpointer>());
    }
}
