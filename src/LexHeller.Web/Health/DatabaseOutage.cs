using System.Globalization;
using System.Text.Json;
using LexHeller.Core.Data;

namespace LexHeller.Web.Health;

/// <summary>
/// A request whose database call failed because the database was unreachable, locked or too slow answers 503 with
/// Retry-After and says in Swedish that nothing was saved: each action is one transaction, so a failed one left
/// nothing behind. The page is written here, whole, rather than by the error page: rendering a page needs the
/// signed-in user's memberships, which are in the database that just failed. Nothing is kept between requests, so
/// the next request after the database is back is served as usual, without a restart.
/// </summary>
internal sealed class DatabaseOutage(RequestDelegate next, ILogger<DatabaseOutage> log)
{
    public const int RetryAfterSeconds = 60;

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseFaults.IsUnavailable(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            log.LogWarning(e, "Databasen gick inte att använda för {Method} {Path}; svarade 503.", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers.CacheControl = "no-store";
            if (WantsJson(context.Request)) await WriteJsonAsync(context);
            else await WritePageAsync(context);
        }
    }

    private static bool WantsJson(HttpRequest request) =>
        request.Path.StartsWithSegments(Setup.HealthSetup.Path) || request.Path.StartsWithSegments("/api");

    private static async Task WriteJsonAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", "Unavailable");
        json.WriteString("message", Text);
        json.WriteEndObject();
    }

    private static Task WritePageAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync(Page);
    }

    internal const string Heading = "Tillfälligt fel";

    internal const string Text = "Lex Heller kommer inte åt sin databas just nu. Det du just gjorde har inte sparats. "
        + "Försök igen om en minut; kvarstår felet, kontakta förbundets kansli.";

    private const string Page = $"""
        <!DOCTYPE html>
        <html lang="sv">
        <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Heading} – Lex Heller</title>
            <link rel="stylesheet" href="/css/site.css">
        </head>
        <body>
        <header class="site-header"><div class="header-inner"><a class="brand" href="/">Lex Heller</a></div></header>
        <main id="main" class="content">
            <h1>{Heading}</h1>
            <p>{Text}</p>
            <p><a href="/">Till startsidan</a></p>
        </main>
        </body>
        </html>
        """;
}
