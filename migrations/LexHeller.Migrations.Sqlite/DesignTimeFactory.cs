using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LexHeller.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<LexHellerDb>
{
    public LexHellerDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<LexHellerDb>()
            .UseSqlite("Data Source=design.db", o => o.MigrationsAssembly(typeof(DesignTimeFactory).Assembly.GetName().Name))
            .Options);
}
