using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LexHeller.Migrations.Postgres;

/// <summary>
/// Lets `dotnet ef migrations add` build the PostgreSQL model without starting the web app. Adding a migration needs
/// no server; `dotnet ef database update` uses LEXHELLER_DESIGN_POSTGRES when set.
/// </summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LexHellerDb>
{
    public LexHellerDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LexHellerDb>()
            .UseNpgsql(Environment.GetEnvironmentVariable("LEXHELLER_DESIGN_POSTGRES") ?? "Host=127.0.0.1;Database=lexheller_design",
                o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            // Named so EF Core does not pick the SQLite compiled model by its assembly attribute; at design time the
            // tools build the model afresh from the Npgsql conventions anyway.
            .UseModel(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance)
            .Options);
}
