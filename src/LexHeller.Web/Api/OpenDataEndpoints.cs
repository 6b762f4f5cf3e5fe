using System.Text;
using System.Text.Encodings.Web;
using LexHeller.Core.Api;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Mvc;

namespace LexHeller.Web.Api;

/// <summary>
/// Open data under <c>/api/v1/oppna-data</c>: no key, no call log, a limit per address instead of per key. Each
/// förbund's data is there only while its kansli publishes it (Inställningar); otherwise the answer is 404, the same
/// for a code that does not exist. Every answer names its licence in a <c>Link: rel="license"</c> header, and the
/// JSON in a <c>licence</c> property too. The CSV files have the same columns, in the same order, as the JSON items.
/// </summary>
public static class OpenDataEndpoints
{
    public const string Prefix = "/api/v1/oppna-data";
    /// <summary>The only path a page of another site may show in a frame.</summary>
    public const string EmbedFile = "svar.html";
    public const int DefaultEmbedCount = 20;
    public const int MaxEmbedCount = 100;

    public sealed record Licence(string Id, string Name, string Url);

    /// <summary>The whole addresses of one förbund's open data, from the configured public address.</summary>
    public sealed record Addresses(string Answers, string AnswersCsv, string Figures, string FiguresCsv, string Embed)
    {
        public static Addresses Of(PublicUrlOptions url, string code)
        {
            var b = url.Absolute($"{Prefix}/{code.ToLowerInvariant()}");
            return new($"{b}/svar.json", $"{b}/svar.csv", $"{b}/arssiffror.json", $"{b}/arssiffror.csv", $"{b}/{EmbedFile}");
        }
    }

    public sealed record Dataset(string Code, string Name, Licence Licence, string Answers, string AnswersCsv, string Figures, string FiguresCsv, string Embed);

    public sealed record OpenAnswers(string Forbund, Licence Licence, int Total, IReadOnlyList<ApiEndpoints.PublishedAnswer> Items);

    public sealed record OpenFigures(string Forbund, Licence Licence, int Threshold, string Note, IReadOnlyList<OpenDataQuery.AnnualFigure> Items);

    /// <summary>Whether a request is for open data, which needs no key.</summary>
    public static bool IsOpenData(PathString path) => path.StartsWithSegments(Prefix);

    /// <summary>Whether a request is for the list another site may frame.</summary>
    public static bool IsEmbed(PathString path) =>
        IsOpenData(path) && path.Value!.EndsWith("/" + EmbedFile, StringComparison.OrdinalIgnoreCase);

    public static void MapOpenDataEndpoints(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup(Prefix).AllowAnonymous().RequireRateLimiting(LexHeller.Web.Setup.RateLimitSetup.OpenData)
            .WithTags("Öppna data").WithMetadata(new OpenDataEndpoint());
        open.MapGet("", IndexAsync)
            .Open()
            .WithName("ListOpenData")
            .WithSummary("Förbund som publicerar öppna data")
            .WithDescription("Förbunden som publicerar öppna data, med licens och länkar till deras filer. Ingen API-nyckel behövs.")
            .Produces<List<Dataset>>(StatusCodes.Status200OK, "application/json");
        open.MapGet("/{kod}/svar.json", AnswersJsonAsync)
            .Open()
            .WithName("OpenAnswers")
            .WithSummary("Publicerade svar som JSON")
            .WithDescription("Förbundets alla publicerade svar, senast publicerade först. Samma fält som /published. Ingen API-nyckel behövs.")
            .Produces<OpenAnswers>(StatusCodes.Status200OK, "application/json");
        open.MapGet("/{kod}/svar.csv", AnswersCsvAsync)
            .Open()
            .WithName("OpenAnswersCsv")
            .WithSummary("Publicerade svar som CSV")
            .WithDescription("Samma svar som svar.json, en rad per svar, med kolumnerna i samma ordning som fälten i JSON. " +
                "UTF-8, komma mellan fälten, tider i UTC (ISO 8601). Text som börjar med = + - @ får en inledande apostrof så att kalkylprogram inte kör den som formel.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        open.MapGet("/{kod}/arssiffror.json", FiguresJsonAsync)
            .Open()
            .WithName("OpenAnnualFigures")
            .WithSummary("Årssiffror som JSON")
            .WithDescription("Siffrorna för varje kalenderår sedan förbundets första ärende (högst tio år), som en förbundsgemensam sammanställning visar dem: " +
                "små antal döljs (value är då null och withheld true). Innevarande år har complete false. Ingen API-nyckel behövs.")
            .Produces<OpenFigures>(StatusCodes.Status200OK, "application/json");
        open.MapGet("/{kod}/arssiffror.csv", FiguresCsvAsync)
            .Open()
            .WithName("OpenAnnualFiguresCsv")
            .WithSummary("Årssiffror som CSV")
            .WithDescription("Samma siffror som arssiffror.json, en rad per siffra, med kolumnerna i samma ordning som fälten i JSON. Ett dolt värde är tomt.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv");
        open.MapGet("/{kod}/" + EmbedFile, EmbedAsync)
            .Open()
            .WithName("OpenAnswersEmbed")
            .WithSummary("Publicerade svar att bädda in")
            .WithDescription("En HTML-lista över de senaste publicerade svaren som förbundets egen webbplats kan visa i en iframe. antal (1–100, 20 om det inte anges) väljer hur många.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    /// <summary>Marks the open-data endpoints: no key, no security requirement in the OpenAPI document.</summary>
    public sealed class OpenDataEndpoint;

    private static RouteHandlerBuilder Open(this RouteHandlerBuilder endpoint) => endpoint
        .Produces(StatusCodes.Status304NotModified)
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static Licence LicenceOf(OpenDataQuery.Publisher p) => new(p.Licence.Id, p.Licence.Name, p.Licence.Url);

    private static async Task<IResult> IndexAsync(HttpContext http, OpenDataQuery query,
        Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl)
    {
        if (ApiEndpoints.UnknownParameter(http, []) is { } unknown) return unknown;
        // Whole addresses, from the configured public one: a reuser keeps them as they are.
        var rows = (await query.PublishersAsync(http.RequestAborted)).Select(p =>
        {
            var a = Addresses.Of(publicUrl.Value, p.Code);
            return new Dataset(p.Code, p.Name, LicenceOf(p), a.Answers, a.AnswersCsv, a.Figures, a.FiguresCsv, a.Embed);
        }).ToList();
        return ApiResults.Ok(http, rows, ApiResults.Public);
    }

    private static async Task<(OpenDataQuery.Publisher? Publisher, IResult? Refusal)> PublisherAsync(HttpContext http, OpenDataQuery query, string kod, string[] parameters)
    {
        if (ApiEndpoints.UnknownParameter(http, parameters) is { } unknown) return (null, unknown);
        var publisher = await query.PublisherAsync(kod, http.RequestAborted);
        if (publisher is null)
            return (null, ApiProblems.Result(ApiProblems.Make(StatusCodes.Status404NotFound, "Finns inte",
                "Inget förbund med den koden publicerar öppna data.")));
        http.Response.Headers.Link = $"<{publisher.Licence.Url}>; rel=\"license\"";
        return (publisher, null);
    }

    private static async Task<IResult> AnswersJsonAsync(HttpContext http, OpenDataQuery query, string kod)
    {
        var (publisher, refusal) = await PublisherAsync(http, query, kod, []);
        if (publisher is null) return refusal!;
        var rows = await query.AnswersAsync(publisher, null, http.RequestAborted);
        return ApiResults.Ok(http, new OpenAnswers(publisher.Name, LicenceOf(publisher), rows.Count, rows.Select(ApiEndpoints.AnswerOf).ToList()), ApiResults.Public);
    }

    private static async Task<IResult> AnswersCsvAsync(HttpContext http, OpenDataQuery query, string kod)
    {
        var (publisher, refusal) = await PublisherAsync(http, query, kod, []);
        if (publisher is null) return refusal!;
        var rows = await query.AnswersAsync(publisher, null, http.RequestAborted);
        return ApiResults.File(http, OpenDataCsv.Answers(rows), "text/csv; charset=utf-8", $"{publisher.Code.ToLowerInvariant()}-svar.csv");
    }

    private static async Task<IResult> FiguresJsonAsync(HttpContext http, OpenDataQuery query, string kod)
    {
        var (publisher, refusal) = await PublisherAsync(http, query, kod, []);
        if (publisher is null) return refusal!;
        var rows = await query.AnnualAsync(publisher, http.RequestAborted);
        return ApiResults.Ok(http, new OpenFigures(publisher.Name, LicenceOf(publisher), publisher.Threshold, FiguresNote(publisher), rows), ApiResults.Public);
    }

    private static async Task<IResult> FiguresCsvAsync(HttpContext http, OpenDataQuery query, string kod)
    {
        var (publisher, refusal) = await PublisherAsync(http, query, kod, []);
        if (publisher is null) return refusal!;
        var rows = await query.AnnualAsync(publisher, http.RequestAborted);
        return ApiResults.File(http, OpenDataCsv.Figures(rows), "text/csv; charset=utf-8", $"{publisher.Code.ToLowerInvariant()}-arssiffror.csv");
    }

    private static string FiguresNote(OpenDataQuery.Publisher p) =>
        $"Antal från 1 till {p.Threshold - 1} döljs, liksom ett antal som annars skulle gå att räkna ut ur summan. " +
        $"Ledtider visas inte för färre än {p.Threshold} ärenden. Tabeller om kön, ålder och rapporterande organisation ingår inte.";

    private static async Task<IResult> EmbedAsync(HttpContext http, OpenDataQuery query, string kod, [FromQuery] string? antal)
    {
        var (publisher, refusal) = await PublisherAsync(http, query, kod, ["antal"]);
        if (publisher is null) return refusal!;
        var count = ApiEndpoints.Number(antal, "antal", 1, MaxEmbedCount);
        if (count.Problem is { } problem) return ApiProblems.Result(problem);
        var rows = await query.AnswersAsync(publisher, count.Value ?? DefaultEmbedCount, http.RequestAborted);
        return ApiResults.File(http, Encoding.UTF8.GetBytes(EmbedHtml(publisher, rows)), "text/html; charset=utf-8", null);
    }

    /// <summary>The framed list: its own small stylesheet, no script, every link opening outside the frame.</summary>
    private static string EmbedHtml(OpenDataQuery.Publisher p, IReadOnlyList<PublishedQuery.ApiRow> rows)
    {
        var e = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>Publicerade svar – ").Append(e.Encode(p.Name)).Append("</title>\n")
            .Append("<link rel=\"stylesheet\" href=\"/css/oppna-data.css\">\n</head>\n<body>\n<main>\n")
            .Append("<h1>Publicerade svar från ").Append(e.Encode(p.Name)).Append("</h1>\n");
        if (rows.Count == 0) html.Append("<p>Förbundet har inte publicerat några svar än.</p>\n");
        else
        {
            html.Append("<ol class=\"answers\">\n");
            foreach (var r in rows)
            {
                html.Append("<li>\n<article>\n<h2>").Append(e.Encode(r.Reference));
                if (r.Category is { } category) html.Append(": ").Append(e.Encode(category));
                html.Append("</h2>\n<p class=\"meta\">");
                var meta = new List<string>();
                if (r.Outcome is { } outcome) meta.Add("Utfall: " + outcome.DisplayName());
                if (r.ConcludedAt is { } concluded) meta.Add("Avslutat " + Stockholm.FormatDate(concluded));
                if (r.PublishedAt is { } published) meta.Add("Publicerat " + Stockholm.FormatDate(published));
                html.Append(e.Encode(string.Join(" · ", meta))).Append("</p>\n");
                Section(html, e, "Sammanfattning", r.Summary);
                Section(html, e, "Svar", r.Answer);
                html.Append("</article>\n</li>\n");
            }
            html.Append("</ol>\n");
        }
        // The files lie beside the list: relative links stay right whatever address the frame was given.
        html.Append("<footer>\n<p>Licens: <a href=\"").Append(e.Encode(p.Licence.Url)).Append("\" rel=\"license noopener\" target=\"_blank\">")
            .Append(e.Encode(p.Licence.Name)).Append("</a>. ").Append(e.Encode(p.Licence.Terms))
            .Append(" Alla svar som <a href=\"svar.json\" target=\"_blank\">JSON</a> och <a href=\"svar.csv\" target=\"_blank\">CSV</a>.</p>\n</footer>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void Section(StringBuilder html, HtmlEncoder e, string heading, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        html.Append("<h3>").Append(heading).Append("</h3>\n");
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            html.Append("<p>").Append(e.Encode(paragraph).Replace("&#xA;", "<br>")).Append("</p>\n");
    }
}
