using System.Globalization;
using LexHeller.Core.Api;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Api;

/// <summary>The read API's resources. Every one reads only the calling key's förbund (see <see cref="ApiKeyMiddleware"/>).</summary>
public static class ApiEndpoints
{
    public const int MaxPageSize = 100;
    public const int DefaultPageSize = 20;

    /// <summary>A published answer: what was reported and answered, never who reported it.</summary>
    public sealed record PublishedAnswer(string Reference, int? CategoryId, string? Category, CaseOutcome? Outcome, string? Summary,
        string? Answer, DateTimeOffset? ConcludedAt, DateTimeOffset? PublishedAt);

    public sealed record PublishedPage(int Page, int PageSize, int Total, int Pages, IReadOnlyList<PublishedAnswer> Items);

    public sealed record CategoryItem(int Id, string Name, bool Active);

    public sealed record OrganisationItem(int Id, string Name, string Kind);

    /// <summary>A systemfel of another förbund in the joint register; <c>LinkedCases</c> is null when fewer than 3 are linked.</summary>
    public sealed record SystemicItem(int Id, string Forbund, string Title, SystemicStatus Status, EscalationLevel Escalation,
        string? Category, DateTimeOffset UpdatedAt, int? LinkedCases, int LinkedCasesOfThisForbund);

    public static void MapApiEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(ApiSetup.Prefix).AllowAnonymous().RequireRateLimiting(LexHeller.Web.Setup.RateLimitSetup.Api).WithTags("Lex Heller");
        api.MapGet("/published", PublishedAsync)
            .Common()
            .WithName("ListPublished")
            .WithSummary("Publicerade svar")
            .WithDescription("Förbundets publicerade svar, senast publicerade först. from och to (ÅÅÅÅ-MM-DD) avgränsar publiceringsdagen i svensk tid, båda dagarna medräknade.")
            .WithMetadata(new ApiScopeRequirement(ApiScope.Published))
            .Produces<PublishedPage>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        api.MapGet("/categories", CategoriesAsync)
            .Common()
            .WithName("ListCategories")
            .WithSummary("Kategorier")
            .WithMetadata(new ApiScopeRequirement(ApiScope.Register))
            .Produces<List<CategoryItem>>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/organisations", OrganisationsAsync)
            .Common()
            .WithName("ListOrganisations")
            .WithSummary("Medlemsorganisationer")
            .WithMetadata(new ApiScopeRequirement(ApiScope.Register))
            .Produces<List<OrganisationItem>>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/systemic", SystemicAsync)
            .Common()
            .WithName("ListJointRegister")
            .WithSummary("Systemfel i det gemensamma registret")
            .WithDescription("Andra förbunds systemfel i det gemensamma registret, när förbundet deltar i det (annars en tom lista). " +
                "linkedCases är null när färre än 3 ärenden är kopplade. status kan avgränsa listan.")
            .WithMetadata(new ApiScopeRequirement(ApiScope.Systemic))
            .Produces<List<SystemicItem>>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest);
    }

    /// <summary>What every resource may answer: the key middleware's refusals, the rate limit and an unchanged ETag.</summary>
    private static RouteHandlerBuilder Common(this RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status304NotModified)
        .ProducesProblem(StatusCodes.Status401Unauthorized)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static readonly string[] SystemicParameters = ["status", ApiKeyMiddleware.ForbundParameter];

    private static async Task<IResult> SystemicAsync(HttpContext http, LexHellerDb db, [FromQuery] string? status)
    {
        var caller = http.ApiCaller();
        if (UnknownParameter(http, SystemicParameters) is { } unknown) return unknown;
        SystemicStatus? only = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (!Enum.TryParse<SystemicStatus>(status, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
                return ApiProblems.Result(ApiProblems.BadField("status",
                    $"status ska vara en av {string.Join(", ", Enum.GetNames<SystemicStatus>())}."));
            only = parsed;
        }
        // The register as the förbund's own pages show it, with the same suppression of small counts.
        var rows = await new SystemicQuery(db).RegisterAsync(caller.ForbundId, only, http.RequestAborted);
        return ApiResults.Ok(http, rows.Select(r => new SystemicItem(r.Id, r.Forbund, r.Title, r.Status, r.Escalation, r.Category, r.UpdatedAt,
            r.OtherCases, r.ReaderCases)).ToList());
    }

    private static readonly string[] PublishedParameters = ["from", "to", "category", "page", "pageSize", ApiKeyMiddleware.ForbundParameter];
    private static readonly string[] NoParameters = [ApiKeyMiddleware.ForbundParameter];

    private static async Task<IResult> PublishedAsync(HttpContext http, LexHellerDb db,
        [FromQuery] string? from, [FromQuery] string? to, [FromQuery] string? category, [FromQuery] string? page, [FromQuery] string? pageSize)
    {
        var caller = http.ApiCaller();
        if (UnknownParameter(http, PublishedParameters) is { } unknown) return unknown;
        if (Date(from, "from") is { Problem: { } p1 }) return ApiProblems.Result(p1);
        if (Date(to, "to") is { Problem: { } p2 }) return ApiProblems.Result(p2);
        if (Number(category, "category", 1, int.MaxValue) is { Problem: { } p3 }) return ApiProblems.Result(p3);
        if (Number(page, "page", 1, int.MaxValue) is { Problem: { } p4 }) return ApiProblems.Result(p4);
        if (Number(pageSize, "pageSize", 1, MaxPageSize) is { Problem: { } p5 }) return ApiProblems.Result(p5);
        var fromDay = Date(from, "from").Value;
        var toDay = Date(to, "to").Value;
        if (fromDay is { } f && toDay is { } t && t < f)
            return ApiProblems.Result(ApiProblems.BadField("to", "to får inte vara före from."));
        var categoryId = Number(category, "category", 1, int.MaxValue).Value;
        if (categoryId is { } c && !await db.Categories.AnyAsync(k => k.Id == c && k.ForbundId == caller.ForbundId, http.RequestAborted))
            return ApiProblems.Result(ApiProblems.BadField("category", "Förbundet har ingen kategori med det id:t."));
        var pageNumber = Number(page, "page", 1, int.MaxValue).Value ?? 1;
        var size = Number(pageSize, "pageSize", 1, MaxPageSize).Value ?? DefaultPageSize;

        var result = await new PublishedQuery(db).ApiPageAsync(caller.ForbundId, new PublishedQuery.ApiFilter(
            fromDay is { } a ? Stockholm.ToUtc(a, TimeOnly.MinValue) : null,
            toDay is { } b ? Stockholm.ToUtc(b.AddDays(1), TimeOnly.MinValue) : null,
            categoryId, pageNumber, size), http.RequestAborted);
        if (result is null)
            return ApiProblems.Result(ApiProblems.BadField("page", "Sidan finns inte: det finns inte så många svar."));
        var items = result.Rows.Select(r => new PublishedAnswer(r.Reference, r.CategoryId, r.Category, r.Outcome, r.Summary, r.Answer,
            r.ConcludedAt, r.PublishedAt)).ToList();
        return ApiResults.Ok(http, new PublishedPage(pageNumber, size, result.Total, result.Pages, items));
    }

    private static async Task<IResult> CategoriesAsync(HttpContext http, LexHellerDb db)
    {
        var caller = http.ApiCaller();
        if (UnknownParameter(http, NoParameters) is { } unknown) return unknown;
        var rows = await db.Categories.AsNoTracking().Where(k => k.ForbundId == caller.ForbundId)
            .OrderBy(k => k.SortOrder).ThenBy(k => k.Id)
            .Select(k => new CategoryItem(k.Id, k.Name, k.IsActive)).ToListAsync(http.RequestAborted);
        return ApiResults.Ok(http, rows);
    }

    private static async Task<IResult> OrganisationsAsync(HttpContext http, LexHellerDb db)
    {
        var caller = http.ApiCaller();
        if (UnknownParameter(http, NoParameters) is { } unknown) return unknown;
        var rows = (await db.ForbundMembers.AsNoTracking().Where(m => m.ForbundId == caller.ForbundId)
            .Select(m => new { m.Organisation.Id, m.Organisation.Name, m.Organisation.Kind }).ToListAsync(http.RequestAborted))
            .OrderBy(o => o.Name, Stockholm.Comparer)
            .Select(o => new OrganisationItem(o.Id, o.Name, o.Kind.ToString())).ToList();
        return ApiResults.Ok(http, rows);
    }

    private static IResult? UnknownParameter(HttpContext http, string[] known)
    {
        var unknown = http.Request.Query.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal));
        return unknown is null ? null
            : ApiProblems.Result(ApiProblems.BadField(unknown, $"Parametern {unknown} finns inte. Tillåtna: {string.Join(", ", known)}."));
    }

    private readonly record struct Parsed<T>(T? Value, ProblemDetails? Problem) where T : struct;

    private static Parsed<DateOnly> Date(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return new(null, null);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new(day, null)
            : new(null, ApiProblems.BadField(field, $"{field} ska vara ett datum i formen ÅÅÅÅ-MM-DD."));
    }

    private static Parsed<int> Number(string? text, string field, int min, int max)
    {
        if (string.IsNullOrEmpty(text)) return new(null, null);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? new(n, null)
            : new(null, ApiProblems.BadField(field, max == int.MaxValue
                ? $"{field} ska vara ett heltal från {min}."
                : $"{field} ska vara ett heltal från {min} till {max}."));
    }
}
