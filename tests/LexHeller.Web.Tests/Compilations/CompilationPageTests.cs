using System.Net;
using AngleSharp;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Compilations;

/// <summary>
/// The compilation pages through HTTP: the kansli orders one, the test computes it as the job would, and each
/// role sees what it may of it — exact figures for the kansli, small counts suppressed for BUG and board, 404 for
/// anyone else. Each test has its own database, so the counts are exactly the cases it files.
/// </summary>
public sealed class CompilationPageTests : IDisposable
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string BugMember = "bug.fk@insjoriket.example";
    private const string Board = "styrelse@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";
    private const string OtherKansli = "kansli@sodranorrbotten.example";

    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private DateOnly Today => Stockholm.Today(app.Clock.GetUtcNow());

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    private int Compilations => app.WithDb(db => db.Compilations.Count());

    private async Task<Browserless> AsAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    /// <summary>Fills in "Beställ en sammanställning" (the current tertial so far unless told otherwise) and submits it.</summary>
    private static async Task<Browserless.Page> RequestAsync(Browserless kansli, params (string Name, string Value)[] fields) =>
        await kansli.SubmitAsync(await kansli.GetAsync("/sammanstallningar/ny"), Form(fields));

    private static int IdOf(Browserless.Page page) => int.Parse(page.Url.Split('/')[2]);

    private async Task ComputeAsync(int id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<CompilationService>().ComputeAsync(id, "http://localhost"));
    }

    private static string Headline(Browserless.Page page, string label) =>
        page.Document.QuerySelectorAll("[data-testid=headlines] .headline")
            .Single(h => h.QuerySelector("dt")!.TextContent.Trim() == label).QuerySelector("dd")!.TextContent.Trim();

    private static string Cell(Browserless.Page page, string table, string row) =>
        page.Document.QuerySelectorAll($"[data-testid=table-{table}] tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == row).QuerySelector("td")!.TextContent.Trim();

    [Fact]
    public async Task The_kansli_orders_a_compilation_it_is_queued_and_the_same_order_again_finds_the_same_one()
    {
        using var kansli = await AsAsync(Kansli);
        var form = await kansli.GetAsync("/sammanstallningar/ny");
        Assert.Equal(Day(Period.TertialOf(Today).From), form.Document.QuerySelector("#Input_From")!.GetAttribute("value"));
        Assert.Null(form.Document.QuerySelector("#scope-joint"));

        var category = app.WithDb(db => db.Categories.Single(c => c.ForbundId == app.ForbundId("INS") && c.Name == "Regler som krockar").Id);
        var fields = new[] { ("Input.Kind", "Avvikelse"), ("Input.CategoryId", category.ToString()) };
        var first = await kansli.SubmitAsync(form, Form(fields), follow: false);
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var page = await kansli.GetAsync(first.Location!);
        Assert.Contains("Sammanställningen är beställd", page.Text);
        Assert.Equal("Köad", page.Document.QuerySelector("[data-testid=compilation-status]")!.TextContent);
        Assert.Contains("Ladda om sidan", page.Document.QuerySelector("[data-testid=compilation-pending]")!.TextContent);
        Assert.Contains("Avvikelse, kategori Regler som krockar", page.Document.QuerySelector("[data-testid=compilation-facts]")!.TextContent);

        var row = app.WithDb(db => db.Compilations.Single());
        Assert.Equal(CompilationStatus.Queued, row.Status);
        Assert.Equal((CompilationScope.Forbund, app.ForbundId("INS"), app.UserId(Kansli)), (row.Scope, row.ForbundId, row.RequestedByUserId));
        Assert.Equal(new CompilationFilter(CaseKind.Avvikelse, category, null), row.Filter);
        Assert.Equal((Period.TertialOf(Today).From, Today), (row.From, row.To));

        var again = await RequestAsync(kansli, fields);
        Assert.Equal(row.Id, IdOf(again));
        Assert.Equal(1, Compilations);

        var list = await kansli.GetAsync("/sammanstallningar");
        var listed = list.Document.QuerySelector($"[data-compilation='{row.Id}']")!;
        Assert.Contains("Förbundet", listed.TextContent);
        Assert.Equal("Köad", listed.QuerySelector("[data-testid=status]")!.TextContent.Trim());
        Assert.Empty((await kansli.GetAsync("/sammanstallningar?status=Done")).Document.QuerySelectorAll("[data-compilation]"));
        Assert.Single((await kansli.GetAsync("/sammanstallningar?status=Queued&period=Custom")).Document.QuerySelectorAll("[data-compilation]"));
        Assert.Empty((await kansli.GetAsync("/sammanstallningar?period=Tertial")).Document.QuerySelectorAll("[data-compilation]"));
    }

    public static TheoryData<string, string, string, string> BadRequests => new()
    {
        // field to change, value, where the message shows, the message
        { "Input.To", "from-1", "to", "Perioden slutar innan den börjar." },
        { "Input.To", "from+5y", "to", "En sammanställning kan omfatta högst 5 år." },
        { "Input.From", "", "from", "Ange periodens första dag." },
        { "Input.Kind", "Brev", "kind", "Okänd ärendetyp." },
        { "Input.CategoryId", "other-forbund", "category", "Okänd kategori." },
        { "Input.CategoryId", "999999", "category", "Okänd kategori." },
        { "Input.Scope", "Joint", "scope", "Förbundet deltar inte i förbundsgemensamma sammanställningar." },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_order_is_refused_in_Swedish_next_to_its_field_and_nothing_is_queued(string field, string value, string errorId, string message)
    {
        var from = new DateOnly(2025, 1, 1);
        value = value switch
        {
            "from-1" => Day(from.AddDays(-1)),
            "from+5y" => Day(from.AddYears(5)),
            "other-forbund" => app.WithDb(db => db.Categories.First(c => c.ForbundId == app.ForbundId("SNB")).Id).ToString(),
            _ => value,
        };
        using var kansli = await AsAsync(Kansli);
        var fields = Form(("Input.From", Day(from)), ("Input.To", Day(from.AddMonths(4).AddDays(-1))));
        fields[field] = value;
        var page = await kansli.SubmitAsync(await kansli.GetAsync("/sammanstallningar/ny"), fields);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("/sammanstallningar/ny", page.Url);
        Assert.Equal(message, page.Document.QuerySelector($"#{errorId}-error")!.TextContent.Trim());
        Assert.Contains("Sammanställningen är inte beställd", page.Text);
        var invalid = page.Document.QuerySelectorAll("[aria-invalid=true]").Select(e => e.GetAttribute("name")).Distinct().ToList();
        Assert.Equal([field], invalid);
        Assert.Equal(0, Compilations);
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_refused_and_nothing_is_queued()
    {
        using var kansli = await AsAsync(Kansli);
        var page = await RequestAsync(kansli, ("Input.To", "i morgon"));
        Assert.Equal("Värdet 'i morgon' är inte giltigt för periodens sista dag.", page.Document.QuerySelector("#to-error")!.TextContent.Trim());
        Assert.Equal(0, Compilations);
    }

    [Fact]
    public async Task The_kansli_sees_exact_counts_BUG_and_board_see_small_counts_suppressed_and_nobody_else_sees_it()
    {
        var filed = await app.FileCaseAsync(CaseState.Inkommen);
        using var kansli = await AsAsync(Kansli);
        var id = IdOf(await RequestAsync(kansli));
        await ComputeAsync(id);

        var exact = await kansli.GetAsync($"/sammanstallningar/{id}");
        Assert.Equal("Klar", exact.Document.QuerySelector("[data-testid=compilation-status]")!.TextContent);
        Assert.Equal("1", Headline(exact, "Inkomna ärenden"));
        Assert.Equal("1", Cell(exact, "kategori", "Överlämning och remiss"));
        Assert.Equal("1", Cell(exact, "status", "Inkommen"));
        Assert.Null(exact.Document.QuerySelector("[data-testid=suppression-note]"));
        Assert.Contains("Klar", (await kansli.GetAsync("/sammanstallningar")).Document.QuerySelector($"[data-compilation='{id}']")!.TextContent);

        // The chart is an image named by its visible caption; the suppressed count in it draws no bar.
        var chart = exact.Document.QuerySelector("[data-testid=chart-kategori]")!;
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Contains("Inkomna ärenden efter kategori", exact.Document.GetElementById(chart.GetAttribute("aria-labelledby")!)!.TextContent);
        Assert.Single(chart.QuerySelectorAll("rect"));
        // The Content-Security-Policy allows no inline style or script: the charts are drawn with classes only.
        Assert.Empty(exact.Document.QuerySelectorAll("main [style], main style, main script"));

        foreach (var email in new[] { BugMember, Board })
        {
            using var reader = await AsAsync(email);
            var shared = await reader.GetAsync($"/sammanstallningar/{id}");
            Assert.Equal(HttpStatusCode.OK, shared.Status);
            Assert.Equal("<3", Headline(shared, "Inkomna ärenden"));
            Assert.Equal("<3", Cell(shared, "kategori", "Överlämning och remiss"));
            Assert.Equal("Antal från 1 till 2 visas som <3. Ledtider visas inte för färre än 3 ärenden.",
                shared.Document.QuerySelector("[data-testid=suppression-note]")!.TextContent.Trim());
            var suppressedChart = shared.Document.QuerySelector("[data-testid=chart-kategori]")!;
            // Every count in it is suppressed: no empty box, a sentence that says why.
            Assert.Empty(suppressedChart.QuerySelectorAll("rect"));
            Assert.Equal("För få ärenden för att visa ett diagram. Siffrorna står i tabellen.", suppressedChart.TextContent);
            Assert.DoesNotContain(filed.Reference, shared.Text);
            var list = await reader.GetAsync("/sammanstallningar");
            Assert.NotNull(list.Document.QuerySelector($"[data-compilation='{id}']"));
            // The overview is for kansli and board; the BUG member is not pointed to a page that refuses them.
            Assert.Equal(email == Board, list.Document.QuerySelector("main a[href='/oversikt']") is not null);
            Assert.Null(list.Document.QuerySelector("a[href='/sammanstallningar/ny']"));
        }

        foreach (var email in new[] { OtherKansli, Reporter })
        {
            using var outsider = await AsAsync(email);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/sammanstallningar/{id}")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/sammanstallningar/{id}?handler=Csv")).Status);
        }
        using var otherList = await AsAsync(OtherKansli);
        Assert.Null((await otherList.GetAsync("/sammanstallningar")).Document.QuerySelector($"[data-compilation='{id}']"));
        using var reporter = await AsAsync(Reporter);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/sammanstallningar")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/sammanstallningar/ny")).Status);
    }

    [Fact]
    public async Task A_concluded_case_shows_its_answer_to_the_kansli_and_to_the_board_only_when_published()
    {
        var published = await app.FileCaseAsync(CaseState.Avslutad);
        var unpublished = await app.FileCaseAsync(CaseState.Avslutad, publish: false);
        using var kansli = await AsAsync(Kansli);
        var id = IdOf(await RequestAsync(kansli));
        await ComputeAsync(id);

        var all = (await kansli.GetAsync($"/sammanstallningar/{id}")).Document.QuerySelector("[data-testid=answers]")!.TextContent;
        Assert.Contains(published.Reference, all);
        Assert.Contains(unpublished.Reference, all);
        Assert.Contains("Parterna har infört kvittens på remisser.", all);

        using var board = await AsAsync(Board);
        var shown = (await board.GetAsync($"/sammanstallningar/{id}")).Document.QuerySelector("[data-testid=answers]")!.TextContent;
        Assert.Contains(published.Reference, shown);
        Assert.DoesNotContain(unpublished.Reference, shown);
    }

    [Fact]
    public async Task A_joint_compilation_is_offered_when_the_foerbund_shares_and_is_seen_by_kansli_and_board_but_not_BUG()
    {
        await app.WithDbAsync(db => db.Forbund.Where(f => f.Code == "INS" || f.Code == "SNB")
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.SharesCompilations, true)));
        await app.FileCaseAsync(CaseState.Inkommen);
        await app.FileCaseAsync(CaseState.Inkommen, reporterEmail: "rapportor@sodranorrbotten.example");
        using var kansli = await AsAsync(Kansli);
        Assert.NotNull((await kansli.GetAsync("/sammanstallningar/ny")).Document.QuerySelector("#scope-joint"));
        var id = IdOf(await RequestAsync(kansli, ("Input.Scope", "Joint")));
        await ComputeAsync(id);

        var page = await kansli.GetAsync($"/sammanstallningar/{id}");
        Assert.StartsWith("Förbundsgemensam sammanställning", page.Document.QuerySelector("h1")!.TextContent);
        Assert.Equal("<3", Headline(page, "Inkomna ärenden"));
        Assert.Contains("inga enskilda ärenden", page.Document.QuerySelector("[data-testid=answers]")!.TextContent);
        Assert.Contains("Förbundsgemensam", (await kansli.GetAsync("/sammanstallningar")).Document.QuerySelector($"[data-compilation='{id}']")!.TextContent);

        using var otherKansli = await AsAsync(OtherKansli);
        Assert.NotNull((await otherKansli.GetAsync("/sammanstallningar")).Document.QuerySelector($"[data-compilation='{id}']"));
        Assert.Equal(HttpStatusCode.OK, (await otherKansli.GetAsync($"/sammanstallningar/{id}")).Status);
        using var board = await AsAsync(Board);
        Assert.Equal(HttpStatusCode.OK, (await board.GetAsync($"/sammanstallningar/{id}")).Status);
        using var bug = await AsAsync(BugMember);
        Assert.Null((await bug.GetAsync("/sammanstallningar")).Document.QuerySelector($"[data-compilation='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await bug.GetAsync($"/sammanstallningar/{id}")).Status);
    }

    [Fact]
    public async Task A_failed_compilation_shows_why_in_the_list_and_on_its_page()
    {
        using var kansli = await AsAsync(Kansli);
        var id = IdOf(await RequestAsync(kansli));
        await app.WithDbAsync(db => db.Compilations.Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CompilationStatus.Failed).SetProperty(c => c.Error, "SqliteException: database is locked")));

        var listed = (await kansli.GetAsync("/sammanstallningar?status=Failed")).Document.QuerySelector($"[data-compilation='{id}'] [data-testid=status]")!;
        Assert.Contains("Misslyckades", listed.TextContent);
        Assert.Contains("database is locked", listed.TextContent);
        var page = await kansli.GetAsync($"/sammanstallningar/{id}");
        Assert.Contains("database is locked", page.Document.QuerySelector("[data-testid=compilation-failed]")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await kansli.GetAsync($"/sammanstallningar/{id}?handler=Pdf")).Status);
    }

    [Fact]
    public async Task A_queued_compilation_that_failed_once_shows_the_reason_while_it_waits()
    {
        using var kansli = await AsAsync(Kansli);
        var id = IdOf(await RequestAsync(kansli));
        await app.WithDbAsync(db => db.Compilations.Where(c => c.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Error, "Försök 1 misslyckades: database is locked")));

        var listed = (await kansli.GetAsync("/sammanstallningar")).Document.QuerySelector($"[data-compilation='{id}'] [data-testid=status]")!;
        Assert.Contains("Köad", listed.TextContent);
        Assert.Contains("Försök 1 misslyckades", listed.TextContent);
        Assert.Contains("Försök 1 misslyckades", (await kansli.GetAsync($"/sammanstallningar/{id}")).Document.QuerySelector("[data-testid=compilation-pending]")!.TextContent);
    }

    [Theory]
    [InlineData(Kansli, "Xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "PK")]
    [InlineData(Kansli, "Csv", "text/csv", "csv", "\uFEFF")]
    [InlineData(Kansli, "Pdf", "application/pdf", "pdf", "%PDF")]
    [InlineData(Board, "Pdf", "application/pdf", "pdf", "%PDF")]
    public async Task A_computed_compilation_downloads_as_a_file(string email, string handler, string contentType, string extension, string start)
    {
        await app.FileCaseAsync(CaseState.Inkommen);
        using var kansli = await AsAsync(Kansli);
        var id = IdOf(await RequestAsync(kansli));
        await ComputeAsync(id);
        var page = await kansli.GetAsync($"/sammanstallningar/{id}");
        Assert.Equal($"/sammanstallningar/{id}?handler={handler}", page.Document.QuerySelector($"[data-testid=download-{extension}]")!.GetAttribute("href"));

        using var http = await LoggedInClientAsync(email);
        var response = await http.GetAsync($"/sammanstallningar/{id}?handler={handler}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith($".{extension}", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith(start, System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 8)]));
    }

    [Fact]
    public async Task The_overview_shows_the_tertial_so_far_to_kansli_and_board_and_refuses_others()
    {
        await app.FileCaseAsync(CaseState.Inkommen);
        using var kansli = await AsAsync(Kansli);
        var page = await kansli.GetAsync("/oversikt");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"Tertial {(Today.Month - 1) / 4 + 1} {Today.Year} hittills", page.Document.QuerySelector("[data-testid=overview-period]")!.TextContent);
        Assert.Equal("1", Headline(page, "Inkomna ärenden"));
        Assert.Equal("0", Headline(page, "Avslutade ärenden"));
        foreach (var chart in new[] { "per-manad", "kategori", "part" })
            Assert.NotNull(page.Document.QuerySelector($"[data-testid=chart-{chart}][role=img]"));
        Assert.Equal("1", Cell(page, "part", "Försäkringskassan"));
        Assert.Empty(page.Document.QuerySelectorAll("main [style], main style, main script"));
        Assert.Equal(0, Compilations);

        using var board = await AsAsync(Board);
        var shared = await board.GetAsync("/oversikt");
        Assert.Equal("<3", Headline(shared, "Inkomna ärenden"));
        Assert.NotNull(shared.Document.QuerySelector("[data-testid=suppression-note]"));

        foreach (var email in new[] { Reporter, BugMember })
        {
            using var other = await AsAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/oversikt")).Status);
        }
    }

    /// <summary>A logged-in HTTP client that hands back the raw response, for downloads.</summary>
    private async Task<HttpClient> LoggedInClientAsync(string email)
    {
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });
        async Task<HttpResponseMessage> SubmitAsync(string url, Dictionary<string, string> fields)
        {
            var html = await http.GetStringAsync(url);
            var document = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
            var values = document.QuerySelectorAll("main form[method=post] input[type=hidden]")
                .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
                .Where(kv => !fields.ContainsKey(kv.Key)).Concat(fields);
            return await http.PostAsync(url, new FormUrlEncodedContent(values));
        }
        var login = await SubmitAsync("/logga-in", Form(("Input.Email", email), ("Input.Password", AppFactory.Password)));
        if (login.RequestMessage!.RequestUri!.AbsolutePath == "/logga-in/verifiera")
            await SubmitAsync(login.RequestMessage.RequestUri.PathAndQuery, Form(("Code", Totp.Code(AppFactory.TotpSecret))));
        return http;
    }
}
