using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Testing;

/// <summary>
/// A SQLite database file with every migration applied, made once per test process. Each app on SQLite starts from a
/// copy, as each app on PostgreSQL starts from a copy of <see cref="PostgresServer"/>'s template: applying the
/// migrations builds the design-time model and runs every migration's statements, which hundreds of test hosts would
/// otherwise each do again. The app finds nothing pending and goes on as it does with any current database.
/// </summary>
public static class SqliteTemplate
{
    /// <summary>The file name the app uses in its data folder when no connection string is given.</summary>
    public const string FileName = "lexheller.db";

    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Puts a copy of the migrated template at <paramref name="path"/>, unless a database is already there.</summary>
    public static void CopyTo(string path)
    {
        if (File.Exists(path)) return;
        File.Copy(Template.Value, path);
    }

    private static string Create()
    {
        var folder = Directory.CreateTempSubdirectory("lexheller-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        };
        var path = Path.Combine(folder, FileName);
        // No pooling: the file is closed, its log folded back in, before the first copy is taken.
        var options = new DbContextOptionsBuilder<LexHellerDb>()
            .UseSqlite($"Data Source={path};Pooling=False", o => o.MigrationsAssembly(LexHeller.Web.Setup.DataSetup.SqliteMigrations))
            .UseModel(LexHeller.Core.Data.CompiledModel.LexHellerDbModel.Instance)
            .Options;
        using (var db = new LexHellerDb(options)) db.Database.Migrate();
        return path;
    }
}
