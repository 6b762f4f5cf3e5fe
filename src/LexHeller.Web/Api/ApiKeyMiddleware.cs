using System.Globalization;
using LexHeller.Core.Api;
using LexHeller.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Api;

/// <summary>
/// Lets a call under <c>/api/v1</c> through only with a usable <c>X-Api-Key</c> holding the endpoint's scope, fixes the
/// förbund the call reads (the key's own; a key for every förbund names one with <c>?forbund=</c>), and logs every
/// call with its final status, refused ones included. It runs before the rate limiter so that a 429 is logged too.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ILogger<ApiKeyMiddleware> log)
{
    public const string Header = "X-Api-Key";
    public const string ForbundParameter = "forbund";

    public async Task InvokeAsync(HttpContext http, LexHellerDb db, TimeProvider clock)
    {
        var path = http.Request.Path;
        // The document, its reference page and open data are for anyone, without a key and without the call log.
        if (!path.StartsWithSegments(ApiSetup.Prefix) || path.Equals(ApiSetup.DocumentPath) || path.Equals(ApiSetup.DocsPath)
            || OpenDataEndpoints.IsOpenData(path))
        {
            await next(http);
            return;
        }

        int? keyId = null;
        var logged = false;
        // Logged before the first byte goes out, so a caller who has their answer finds their call in the log.
        http.Response.OnStarting(async () =>
        {
            logged = true;
            await LogAsync(http, db, clock, keyId);
        });
        try
        {
            var (key, problem) = await AuthenticateAsync(http, db, clock.GetUtcNow());
            keyId = key?.Id;
            if (problem is not null) await ApiProblems.WriteAsync(http, problem);
            else await next(http);
        }
        finally
        {
            if (!logged) await LogAsync(http, db, clock, keyId);
        }
    }

    private static async Task<(ApiKey? Key, ProblemDetails? Problem)> AuthenticateAsync(HttpContext http, LexHellerDb db, DateTimeOffset now)
    {
        var sent = http.Request.Headers[Header].ToString().Trim();
        if (sent.Length == 0)
            return (null, Unauthorized($"Skicka API-nyckeln i huvudet {Header}."));
        var hash = ApiKey.HashOf(sent);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, http.RequestAborted);
        if (key is null) return (null, Unauthorized("API-nyckeln är okänd."));
        if (key.RevokedAt is not null) return (key, Unauthorized("API-nyckeln har återkallats."));
        if (key.ExpiresAt <= now) return (key, Unauthorized("API-nyckeln har gått ut."));

        if (http.GetEndpoint()?.Metadata.GetMetadata<ApiScopeRequirement>() is not { } required)
            return (key, ApiProblems.Make(StatusCodes.Status404NotFound, "Finns inte", "Det finns ingen sådan resurs i API:et."));
        if (!key.Has(required.Scope))
            return (key, Forbidden($"API-nyckeln ger inte tillgång till {ScopeName(required.Scope)}."));

        var asked = http.Request.Query[ForbundParameter].ToString();
        int? forbundId = null;
        if (asked.Length > 0)
        {
            if (!int.TryParse(asked, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                return (key, ApiProblems.BadField(ForbundParameter, "forbund ska vara förbundets id, ett heltal."));
            forbundId = id;
        }
        if (key.ForbundId is { } own)
        {
            if (forbundId is { } other && other != own)
                return (key, Forbidden("API-nyckeln gäller ett annat förbund."));
            forbundId = own;
        }
        else if (forbundId is null)
            return (key, ApiProblems.BadField(ForbundParameter, "Nyckeln gäller alla förbund: ange vilket med forbund."));
        else if (!await db.Forbund.AnyAsync(f => f.Id == forbundId, http.RequestAborted))
            return (key, ApiProblems.Make(StatusCodes.Status404NotFound, "Finns inte", "Det finns inget sådant förbund."));

        http.Features.Set(new ApiCaller(key.Id, forbundId.Value));
        return (key, null);
    }

    private async Task LogAsync(HttpContext http, LexHellerDb db, TimeProvider clock, int? keyId)
    {
        try
        {
            db.ChangeTracker.Clear();
            db.ApiCalls.Add(new ApiCall(keyId, clock.GetUtcNow(), http.Request.Method, http.Request.Path.Value ?? "", http.Response.StatusCode));
            await db.SaveChangesAsync(CancellationToken.None);
        }
        // The caller has had their answer; a log that could not be written is the server's problem, told to its log.
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            log.LogError(e, "An API call could not be logged");
        }
    }

    public static string ScopeName(ApiScope scope) => scope switch
    {
        ApiScope.Published => "publicerade svar",
        ApiScope.Compilations => "sammanställningar",
        ApiScope.Systemic => "systemfel",
        ApiScope.Register => "kategorier och medlemsorganisationer",
    };

    private static ProblemDetails Unauthorized(string detail) =>
        ApiProblems.Make(StatusCodes.Status401Unauthorized, "Ingen giltig API-nyckel", detail);

    private static ProblemDetails Forbidden(string detail) =>
        ApiProblems.Make(StatusCodes.Status403Forbidden, "Åtkomst nekad", detail);
}
