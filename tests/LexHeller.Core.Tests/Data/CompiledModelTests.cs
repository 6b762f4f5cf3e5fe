using LexHeller.Core.Data;
using LexHeller.Core.Data.CompiledModel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LexHeller.Core.Tests.Data;

/// <summary>
/// The app starts on the compiled model in Data/CompiledModel. When an entity or its configuration changes and
/// nobody runs `dotnet ef dbcontext optimize` again, this test names what differs.
/// </summary>
public class CompiledModelTests
{
    [Fact]
    public void The_compiled_model_describes_the_same_tables_columns_keys_and_indexes_as_the_code()
    {
        using var db = new LexHellerDb(new DbContextOptionsBuilder<LexHellerDb>().UseSqlite("Data Source=:memory:").Options);
        var fromCode = Describe(db.GetService<IDesignTimeModel>().Model);
        var compiled = Describe(LexHellerDbModel.Instance);

        Assert.NotEmpty(fromCode);
        Assert.Equal(fromCode.Except(compiled), []);
        Assert.Equal(compiled.Except(fromCode), []);
    }

    /// <summary>
    /// The same for PostgreSQL's compiled model in Data/CompiledModelPostgres (README, "Changing the data model").
    /// No server is needed: the model is built from the code, not read from a database.
    /// </summary>
    [Fact]
    public void The_PostgreSQL_compiled_model_describes_the_same_tables_columns_keys_and_indexes_as_the_code()
    {
        using var db = new LexHellerDb(new DbContextOptionsBuilder<LexHellerDb>()
            .UseNpgsql("Host=127.0.0.1;Database=model")
            .UseModel(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance).Options);
        var fromCode = Describe(db.GetService<IDesignTimeModel>().Model);
        var compiled = Describe(LexHeller.Core.Data.CompiledModelPostgres.LexHellerDbModel.Instance);

        Assert.NotEmpty(fromCode);
        Assert.Equal(fromCode.Except(compiled), []);
        Assert.Equal(compiled.Except(fromCode), []);
    }

    [Fact]
    public void The_app_context_uses_the_compiled_model()
    {
        using var db = new LexHellerDb(new DbContextOptionsBuilder<LexHellerDb>().UseSqlite("Data Source=:memory:").Options);
        Assert.IsAssignableFrom<LexHellerDbModel>(db.Model);
    }

    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var e in model.GetEntityTypes())
        {
            var table = e.GetTableName() ?? e.GetViewName() ?? "(none)";
            lines.Add($"{e.Name} -> {table}");
            foreach (var p in e.GetProperties())
            {
                var mapping = p.FindTypeMapping();
                lines.Add($"{e.Name}.{p.Name}: {p.ClrType.Name} column {p.GetColumnName()} {p.GetColumnType()} " +
                          $"null={p.IsNullable} max={p.GetMaxLength()} converter={mapping?.Converter?.ProviderClrType.Name} " +
                          $"concurrency={p.IsConcurrencyToken} generated={p.ValueGenerated} default={p.GetDefaultValueSql()}|{p.GetDefaultValue()}");
            }
            foreach (var k in e.GetKeys())
                lines.Add($"{e.Name} key {(k.IsPrimaryKey() ? "primary" : "alternate")} ({string.Join(", ", k.Properties.Select(p => p.Name))})");
            foreach (var i in e.GetIndexes())
                lines.Add($"{e.Name} index {i.GetDatabaseName()} ({string.Join(", ", i.Properties.Select(p => p.Name))}) unique={i.IsUnique} filter={i.GetFilter()}");
            foreach (var f in e.GetForeignKeys())
                lines.Add($"{e.Name} foreign key ({string.Join(", ", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} " +
                          $"required={f.IsRequired} delete={f.DeleteBehavior}");
            foreach (var n in e.GetNavigations())
                lines.Add($"{e.Name} navigation {n.Name} -> {n.TargetEntityType.Name} collection={n.IsCollection}");
        }
        return lines.Order(StringComparer.Ordinal).ToList();
    }
}
