using System.Net;
using LexHeller.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace LexHeller.Testing;

/// <summary>
/// The real app on a real SQLite file in its own temporary data folder, seeded with the demo, with a clock
/// the test can move. With <c>realServer</c> it listens on a loopback port for the browser.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string Password = "Demo-Losen-2026";
    public const string TotpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private readonly bool _realServer;

    public AppFactory() : this(realServer: false) { }

    /// <summary>An app that listens on a loopback port, for the browser (xunit fixtures may have one public constructor).</summary>
    public static AppFactory WithRealServer(params (string Key, string Value)[] settings) => new(realServer: true, settings);

    /// <summary>An app with some settings of its own.</summary>
    public static AppFactory WithSettings(params (string Key, string Value)[] settings) => new(realServer: false, settings);

    /// <summary>An app with more of the host changed by the test (e.g. an extra application part).</summary>
    public static AppFactory WithHost(Action<IWebHostBuilder> configure) => new(realServer: false) { _configure = configure };

    private readonly (string Key, string Value)[] _settings;
    private Action<IWebHostBuilder>? _configure;

    /// <summary>An app on a database of its own on the test PostgreSQL (<see cref="PostgresServer"/>), whatever the environment says.</summary>
    public static AppFactory OnPostgres(params (string Key, string Value)[] settings) => new(realServer: false, settings) { _postgres = true };

    /// <summary>
    /// An app on a PostgreSQL database of its own that it reaches by the connection string <paramref name="route"/> makes
    /// of the direct one (e.g. through a <see cref="TcpRelay"/> the test can cut); the test itself reaches it directly.
    /// </summary>
    public static AppFactory OnPostgres(Func<string, string> route) => new(realServer: false) { _postgres = true, _route = route };

    private Func<string, string>? _route;

    /// <summary>LEXHELLER_TEST_PROVIDER=Postgres runs every app of the test process on PostgreSQL instead of SQLite.</summary>
    public static bool PostgresByDefault =>
        string.Equals(Environment.GetEnvironmentVariable("LEXHELLER_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase);

    private bool _postgres = PostgresByDefault;

    /// <summary>The app's own PostgreSQL database, once the host is built on PostgreSQL; null on SQLite.</summary>
    public string? PostgresConnectionString { get; private set; }

    /// <summary>Whether this app's database is SQLite (the default) rather than PostgreSQL.</summary>
    public bool OnSqlite => !_postgres || _settings.Any(s => s.Key == "Database:Provider" && s.Value != "Postgres");

    private bool _ownsDatabase = true;

    /// <summary>
    /// A second instance of <paramref name="first"/>'s app: the same data folder and, on PostgreSQL, the same database
    /// (which <paramref name="first"/> drops when it is disposed), as a second app process beside it would have.
    /// </summary>
    public static AppFactory BesideOf(AppFactory first, params (string Key, string Value)[] settings) =>
        new(realServer: false, [.. settings, ("Data:Folder", first.DataFolder)])
        {
            _postgres = first._postgres,
            PostgresConnectionString = first.PostgresConnectionString,
            _ownsDatabase = false,
        };

    private AppFactory(bool realServer, params (string Key, string Value)[] settings)
    {
        _realServer = realServer;
        _settings = settings;
        DataFolder = Directory.CreateTempSubdirectory("lexheller-test-").FullName;
        if (realServer) UseKestrel(0);
    }

    public string DataFolder { get; }

    /// <summary>Whether the app listens on a loopback port (<see cref="WithRealServer"/>).</summary>
    public bool IsRealServer => _realServer;

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The address of the real server (only with realServer).</summary>
    public string RootUrl
    {
        get
        {
            if (!_realServer) throw new InvalidOperationException("Not a real server.");
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            return addresses.First().Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Data:Folder", DataFolder);
        builder.UseSetting("Demo:Seed", "true");
        // The demo users only: the tests file the cases they need, and seeding a year of them would slow every host.
        builder.UseSetting("Demo:Cases", "false");
        builder.UseSetting("Demo:Password", Password);
        builder.UseSetting("Demo:TotpSecret", TotpSecret);
        // Tests log the same demo users in many times a minute with the current code; the one test class
        // about reuse turns the refusal back on.
        builder.UseSetting("TwoFactor:RejectReusedCodes", "false");
        // Hangfire keeps static state across hosts; the tests run its sweeps themselves, on the test clock.
        builder.UseSetting("Hangfire:Enabled", "false");
        // Every test host calls from one address: open data's limit per address is tested on a host of its own.
        builder.UseSetting("Api:OpenDataCallsPerMinute", "10000");
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        if (_realServer) builder.UseSetting("urls", "http://127.0.0.1:0");
        // A test that names its provider gets it, whatever the environment says.
        if (_postgres && !_settings.Any(s => s.Key == "Database:Provider"))
        {
            PostgresConnectionString ??= PostgresServer.Shared.CreateDatabase();
            builder.UseSetting("Database:Provider", "Postgres");
            // PostgreSQL keeps microseconds, the clock ticks of 100 ns: from a whole second on, every instant the
            // tests make is stored exactly and reads back equal.
            var now = Clock.GetUtcNow();
            if (now.Ticks % TimeSpan.TicksPerSecond != 0)
                Clock.SetUtcNow(new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond + TimeSpan.TicksPerSecond, TimeSpan.Zero));
            builder.UseSetting("ConnectionStrings:LexHeller", _route is null ? PostgresConnectionString : _route(PostgresConnectionString));
        }
        // Every app on SQLite starts from a migrated copy rather than migrating an empty file itself.
        if (OnSqlite) SqliteTemplate.CopyTo(Path.Combine(_settings.LastOrDefault(s => s.Key == "Data:Folder").Value ?? DataFolder, SqliteTemplate.FileName));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<LexHeller.Web.Setup.IAdvanceableClock>(new FakeClockControl(Clock));
            services.AddSingleton<IStartupFilter, ClientAddressFilter>();
        });
        _configure?.Invoke(builder);
    }

    public T WithDb<T>(Func<LexHellerDb, T> read)
    {
        using var scope = Services.CreateScope();
        return read(scope.ServiceProvider.GetRequiredService<LexHellerDb>());
    }

    public async Task<T> WithDbAsync<T>(Func<LexHellerDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<LexHellerDb>());
    }

    public async Task WithScopeAsync(Func<IServiceProvider, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (PostgresConnectionString is not null && _ownsDatabase) PostgresServer.Shared.DropDatabase(PostgresConnectionString);
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Lets the app's test-only clock page move the test's fake clock.</summary>
internal sealed class FakeClockControl(FakeTimeProvider clock) : LexHeller.Web.Setup.IAdvanceableClock
{
    public void Advance(TimeSpan by) => clock.Advance(by);
}

/// <summary>The test host has no network peer: a test client names the address it speaks from in a header.</summary>
internal sealed class ClientAddressFilter : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, then) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
            return then(context);
        });
        next(app);
    };
}
