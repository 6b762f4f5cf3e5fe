using LexHeller.Web.Api;
using LexHeller.Web.Setup;

try
{
    // backup and restore run instead of the server, on the same settings and data folder.
    if (BackupCommand.Handles(args)) return await BackupCommand.RunAsync(args);
    if (HealthCommand.Handles(args)) return await HealthCommand.RunAsync(args);
    var builder = WebApplication.CreateBuilder(args);
    builder.AddClock();
    builder.AddTransport();
    builder.AddData();
    builder.AddLexHellerIdentity();
    builder.AddRateLimits();
    builder.AddApi();
    builder.AddMail();
    builder.AddJobs();
    builder.AddCompilations();
    builder.AddArchive();
    builder.AddWebUi();
    builder.AddHealth();

    var app = builder.Build();
    // The database is migrated and checked on one core while the request pipeline is put together on the other.
    var database = Task.Run(app.PrepareDatabaseOrStopAsync);
    app.UseLexHeller();
    app.UseApi();
    app.UseRateLimits();
    app.UseJobs();
    app.MapHealth();
    await database;
    await app.RunAsync();
    return 0;
}
catch (StartupException e)
{
    // A misconfigured server gets one readable line, not a stack trace.
    Console.Error.WriteLine(e.Message);
    return 1;
}

public partial class Program;
