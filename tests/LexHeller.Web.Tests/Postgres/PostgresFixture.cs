using LexHeller.Testing;

namespace LexHeller.Web.Tests.Postgres;

/// <summary>The app on a PostgreSQL database of its own, whatever LEXHELLER_TEST_PROVIDER says.</summary>
public sealed class PostgresApp : IDisposable
{
    public AppFactory App { get; } = AppFactory.OnPostgres();

    public void Dispose() => App.Dispose();
}
