using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Setup;

public static class DatabaseStartup
{
    /// <summary>
    /// <see cref="DataSetup.PrepareDatabaseAsync"/>, with a database that cannot be reached or used turned into one
    /// line naming its data source (the file, or the server's host and port; never the connection string, which may
    /// hold a password) and why, in the operator's words rather than the provider's.
    /// </summary>
    public static async Task PrepareDatabaseOrStopAsync(this WebApplication app)
    {
        try
        {
            await app.PrepareDatabaseAsync();
        }
        catch (Exception e) when (DatabaseFaults.IsDatabaseFailure(e))
        {
            throw new StartupException($"Lex Heller kan inte starta: databasen {DataSource(app)} går inte att använda – {DatabaseFaults.Describe(e)}.");
        }
    }

    private static string DataSource(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var source = db.Database.GetDbConnection().DataSource;
        return string.IsNullOrWhiteSpace(source) ? "(ingen datakälla angiven)" : $"'{source}'";
    }
}
