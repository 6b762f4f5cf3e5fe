using System.Globalization;
using LexHeller.Core.Api;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
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

    public sealed record CompilationItem(int Id, string Scope, string PeriodKind, DateOnly From, DateOnly To, DateTimeOffset ComputedAt);

    /// <summary>A figure as the board sees it; <c>Value</c> is null when it is withheld (a small count suppressed).</summary>
    public sealed record Figure(string Kind, double? Value, bool Withheld);

    public sealed record FigureRow(string Label, IReadOnlyList<Figure> Cells);

    public sealed record FigureTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<FigureRow> Rows, string? Note);

    public sealed record Headline(string Label, Figure Value);

    public sealed record CompilationFigures(int Id, string Title, DateOnly From, DateOnly To, IReadOnlyList<string> Forbund,
        DateTimeOffset ComputedAt, int Threshold, IReadOnlyList<Headline> Headlines, IReadOnlyList<FigureTable> Tables);

    public static PublishedAnswer AnswerOf(PublishedQuery.ApiRow r) =>
        new(r.Reference, r.CategoryId, r.Category, r.Outcome, r.Summary, r.Answer, r.ConcludedAt, r.PublishedAt);

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
        api.MapGet("/compilations", CompilationsAsync)
            .Common()
            .WithName("ListCompilations")
            .WithSummary("Sammanställningar")
            .WithDescription("Färdiga sammanställningar som förbundets styrelse får läsa, senast beräknade först.")
            .WithMetadata(new ApiScopeRequirement(ApiScope.Compilations))
            .Produces<List<CompilationItem>>(StatusCodes.Status200OK, "application/json");
        api.MapGet("/compilations/{id:int}", CompilationAsync)
            .Common()
            .WithName("GetCompilation")
            .WithSummary("En sammanställnings siffror")
            .WithDescription("Siffrorna som styrelsen ser dem: små antal döljs (value är då null och withheld true). Svaren finns under /published.")
            .WithMetadata(new ApiScopeRequirement(ApiScope.Compilations))
            .Produces<CompilationFigures>(StatusCodes.Status200OK, "application/json");
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

    /// <summary>The key reads compilations as the förbund's board would: its own, and joint ones while it shares them.</summary>
    private static async Task<(IReadOnlyCollection<(int, MembershipRole)> As, List<int> Sharing)> BoardOfAsync(HttpContext http, LexHellerDb db)
    {
        var caller = http.ApiCaller();
        var sharing = await db.Forbund.Where(f => f.SharesCompilations).Select(f => f.Id).ToListAsync(http.RequestAborted);
        return ([(caller.ForbundId, MembershipRole.Styrelse)], sharing);
    }

    private static async Task<IResult> CompilationsAsync(HttpContext http, LexHellerDb db)
    {
        var caller = http.ApiCaller();
        if (UnknownParameter(http, NoParameters) is { } unknown) return unknown;
        var (board, sharing) = await BoardOfAsync(http, db);
        var done = await db.Compilations.AsNoTracking()
            .Where(c => c.Status == CompilationStatus.Done && (c.ForbundId == caller.ForbundId || c.Scope == CompilationScope.Joint))
            .ToListAsync(http.RequestAborted);
        var rows = done.Where(c => CompilationService.AudienceFor(c, board, sharing) is not null && c.ComputedAt is not null)
            .OrderByDescending(c => c.ComputedAt).ThenByDescending(c => c.Id)
            .Select(c => new CompilationItem(c.Id, c.Scope.ToString(), c.PeriodKind.ToString(), c.From, c.To, c.ComputedAt!.Value)).ToList();
        return ApiResults.Ok(http, rows);
    }

    private static async Task<IResult> CompilationAsync(HttpContext http, LexHellerDb db, CompilationService compilations, int id)
    {
        if (UnknownParameter(http, NoParameters) is { } unknown) return unknown;
        var (board, sharing) = await BoardOfAsync(http, db);
        var compilation = await db.Compilations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, http.RequestAborted);
        // Another förbund's compilation is as absent as one that does not exist.
        if (compilation is null || CompilationService.AudienceFor(compilation, board, sharing) is not { } audience
            || await compilations.ReportAsync(compilation, audience, http.RequestAborted) is not { } report)
            return ApiProblems.Result(ApiProblems.Make(StatusCodes.Status404NotFound, "Finns inte", "Det finns ingen sådan sammanställning."));
        static Figure FigureOf(Cell c) => new(c.Kind.ToString(), c.Withheld ? null : c.Value, c.Withheld);
        return ApiResults.Ok(http, new CompilationFigures(compilation.Id, report.Title, report.Period.From, report.Period.To, report.Forbund,
            report.ComputedAt, report.Threshold,
            report.Headlines.Select(h => new Headline(h.Label, FigureOf(h.Value))).ToList(),
            report.Tables.Select(t => new FigureTable(t.Key, t.Title, t.Columns,
                t.Rows.Select(r => new FigureRow(r.Label, r.Cells.Select(FigureOf).ToList())).ToList(), t.Note)).ToList()));
    }

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
        var items = result.Rows.Select(AnswerOf).ToList();
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

    /// <summary>400 naming the first query parameter the resource does not take; null when there is none.</summary>
    internal static IResult? UnknownParameter(HttpContext http, string[] known)
    {
        var unknown = http.Request.Query.Keys.FirstOrDefault(k => !known.Contains(k, StringComparer.Ordinal));
        return unknown is null ? null
            : ApiProblems.Result(ApiProblems.BadField(unknown, known.Length == 0
                ? $"Parametern {unknown} finns inte. Anropet tar inga parametrar."
                : $"Parametern {unknown} finns inte. Tillåtna: {string.Join(", ", known)}."));
    }

    internal readonly record struct Parsed<T>(T? Value, ProblemDetails? Problem) where T : struct;

    private static Parsed<DateOnly> Date(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return new(null, null);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new(day, null)
            : new(null, ApiProblems.BadField(field, $"{field} ska vara ett datum i formen ÅÅÅÅ-MM-DD."));
    }

    /// <summary>An optional whole number from <paramref name="min"/> to <paramref name="max"/>, or the problem naming its field.</summary>
    internal static Parsed<int> Number(string? text, string field, int min, int max)
    {
        if (string.IsNullOrEmpty(text)) return new(null, null);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? new(n, null)
            : new(null, ApiProblems.BadField(field, max == int.MaxValue
                ? $"{field} ska vara ett heltal från {min}."
                : $"{field} ska vara ett heltal från {min} till {max}."));
    }
}
