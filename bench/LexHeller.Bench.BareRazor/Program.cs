using LexHeller.Bench.BareRazor;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// The bare Razor Pages stack for the benchmark: cookie authentication, antiforgery, a pooled EF Core context on
// the app's database file, and nothing else (no member context, no per-request session check, no two-factor).
var builder = WebApplication.CreateBuilder(args);
var database = builder.Configuration["Bench:Database"] ?? throw new InvalidOperationException("Bench:Database is required");
var keys = builder.Configuration["Bench:Keys"] ?? Path.Combine(Path.GetDirectoryName(database)!, "bare-keys");

builder.Services.AddDbContextPool<BareDb>(o => o
    .UseSqlite(new SqliteConnectionStringBuilder { DataSource = database }.ToString())
    .AddInterceptors(new BusyTimeout()));
builder.Services.AddDataProtection().SetApplicationName("LexHeller.Bench.BareRazor").PersistKeysToFileSystem(new DirectoryInfo(keys));
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        o.Cookie.Name = "Bare.Auth";
        o.Cookie.HttpOnly = true;
        o.Cookie.SameSite = SameSiteMode.Lax;
        o.LoginPath = "/login";
        o.ExpireTimeSpan = TimeSpan.FromHours(8);
        o.SlidingExpiration = true;
    });
builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
builder.Services.AddAntiforgery(o => o.Cookie.Name = "Bare.Antiforgery");
builder.Services.AddRazorPages();

var app = builder.Build();
await using (var scope = app.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<BareDb>().Database
        .ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS BareRows (Id INTEGER PRIMARY KEY, At INTEGER NOT NULL, Text TEXT NOT NULL);");

app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
await app.RunAsync();
