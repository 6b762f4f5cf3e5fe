using System.Net;
using System.Text;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using LexHeller.Web.Tests.Bug;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static LexHeller.Web.Tests.Bug.BugSteps;

namespace LexHeller.Web.Tests.AccessLog;

/// <summary>Every read of case text leaves exactly one row in the behandlingshistorik, and the kansli can read it back.</summary>
public class AccessLogTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string Reporter = "rapportor@insjoriket.example";

    private List<AccessLogEntry> RowsOf(string email) =>
        app.WithDb(db => db.AccessLog.AsNoTracking().Where(a => a.UserId == app.UserId(email)).OrderBy(a => a.Id).ToList());

    private string SessionOf(string email) =>
        app.WithDb(db => db.LoginSessions.Where(s => s.UserId == app.UserId(email)).OrderByDescending(s => s.StartedAt).Select(s => s.Id).First());

    private async Task<Browserless> LoginAsync(string email)
    {
        // Each log-in a second after the last, so that the newest session is the one this test made.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    [Theory]
    [InlineData(Kansli, "Kansli")]
    [InlineData(Reporter, "Rapportor")]
    public async Task Opening_a_case_page_leaves_one_row_with_who_role_forbund_case_page_and_session(string email, string role)
    {
        var filed = await app.FileCaseAsync(CaseState.Inkommen);
        using var browser = await LoginAsync(email);
        var before = RowsOf(email).Count;

        var page = await browser.GetAsync($"/arenden/{filed.Id}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var row = Assert.Single(RowsOf(email).Skip(before));
        Assert.Equal(AccessKind.CasePage, row.Kind);
        Assert.Equal(filed.Id, row.CaseId);
        Assert.Equal(role, row.Role);
        Assert.Equal(app.ForbundId("INS"), row.ForbundId);
        Assert.Equal($"/arenden/{filed.Id}", row.Path);
        Assert.Equal(filed.Reference, row.What);
        Assert.True((app.Clock.GetUtcNow() - row.At).Duration() < TimeSpan.FromSeconds(1), $"logged at {row.At}");
        Assert.Equal(SessionOf(email), row.LoginSessionId);
    }

    [Fact]
    public async Task A_case_page_that_is_not_shown_is_not_logged()
    {
        var filed = await app.FileCaseAsync(CaseState.Inkommen, reporterEmail: "rapportor@sodranorrbotten.example");
        using var browser = await LoginAsync(Kansli);
        var before = RowsOf(Kansli).Count;

        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/arenden/{filed.Id}")).Status);
        Assert.Equal(before, RowsOf(Kansli).Count);
    }

    [Fact]
    public async Task The_party_view_and_the_PDF_each_leave_one_row_for_the_BUG_member()
    {
        var filed = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        var fk = app.OrganisationId("Försäkringskassan");
        using var browser = await LoginAsync(BugFk);
        var before = RowsOf(BugFk).Count;

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(ResponsePath(filed.Id, fk))).Status);
        var view = Assert.Single(RowsOf(BugFk).Skip(before));
        Assert.Equal((AccessKind.CasePage, filed.Id, "BugLedamot", ResponsePath(filed.Id, fk)), (view.Kind, view.CaseId, view.Role, view.Path));

        using var download = new Downloader(app);
        await download.LoginAsync(BugFk);
        using var pdf = await download.GetAsync($"/arenden/{filed.Id}/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var read = Assert.Single(RowsOf(BugFk).Skip(before + 1));
        Assert.Equal((AccessKind.CasePdf, filed.Id, $"{filed.Reference}.pdf", $"/arenden/{filed.Id}/pdf"), (read.Kind, read.CaseId, read.What, read.Path));
        Assert.NotNull(read.LoginSessionId);
    }

    [Fact]
    public async Task A_search_that_found_cases_is_one_row_naming_them_and_one_that_found_none_is_not_logged()
    {
        var a = await app.FileCaseAsync(CaseState.Inkommen, whatHappened: "Sökordet loggsokning finns i detta ärende.");
        var b = await app.FileCaseAsync(CaseState.Inkommen, whatHappened: "Också loggsokning här.");
        using var browser = await LoginAsync(Kansli);
        var before = RowsOf(Kansli).Count;

        await browser.GetAsync("/inkorg?q=loggsokning");
        await browser.GetAsync("/inkorg?q=finnsingenstansalls");
        await browser.GetAsync("/inkorg");

        var row = Assert.Single(RowsOf(Kansli).Skip(before));
        Assert.Equal(AccessKind.Search, row.Kind);
        Assert.Null(row.CaseId);
        Assert.StartsWith("”loggsokning”: 2 ärenden, visade ", row.What);
        Assert.Equal(new[] { a.Id, b.Id }.Order(), row.What.Split("visade ")[1].Split(',').Select(int.Parse).Order());
        Assert.Equal("/inkorg?q=loggsokning", row.Path);
    }

    [Fact]
    public async Task An_inbox_export_is_one_row_naming_the_file()
    {
        await app.FileCaseAsync(CaseState.Inkommen, whatHappened: "Exportlogg finns här.");
        using var browser = await LoginAsync(Kansli);
        var page = await browser.GetAsync("/inkorg");
        var before = RowsOf(Kansli).Count;
        var form = page.Form("form.export");
        var response = await browser.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("format", "csv"),
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var row = Assert.Single(RowsOf(Kansli).Skip(before));
        Assert.Equal(AccessKind.Export, row.Kind);
        Assert.Null(row.CaseId);
        Assert.Matches(@"^inkorg-\d{4}-\d\d-\d\d\.csv: \d+ ärenden$", row.What);
    }

    [Fact]
    public async Task The_kansli_reads_its_own_forbund_filtered_and_the_other_forbund_sees_none_of_it()
    {
        var filed = await app.FileCaseAsync(CaseState.Inkommen);
        using var reporter = await LoginAsync(Reporter);
        await reporter.GetAsync($"/arenden/{filed.Id}");
        using var kansli = await LoginAsync(Kansli);

        var byCase = await kansli.GetAsync($"/behandlingshistorik?arende={filed.Reference}");
        Assert.Equal(HttpStatusCode.OK, byCase.Status);
        var rows = byCase.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr").ToList();
        var only = Assert.Single(rows);
        Assert.Contains("Sara Lindqvist", only.TextContent);
        Assert.Contains("Ärendesida", only.TextContent);
        Assert.Contains(filed.Reference, only.TextContent);
        Assert.Contains("1 läsning", byCase.Document.QuerySelector("[data-testid=accesslog-total]")!.TextContent);

        var byPerson = await kansli.GetAsync($"/behandlingshistorik?arende={filed.Reference}&person=Lindqvist&typ=CasePage");
        Assert.Single(byPerson.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr"));
        var otherKind = await kansli.GetAsync($"/behandlingshistorik?arende={filed.Reference}&typ=CasePdf");
        Assert.Empty(otherKind.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr"));
        var otherPerson = await kansli.GetAsync($"/behandlingshistorik?arende={filed.Reference}&person=Holmberg");
        Assert.Empty(otherPerson.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr"));
        var today = LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow());
        var tomorrow = today.AddDays(1).ToString("yyyy-MM-dd");
        var later = await kansli.GetAsync($"/behandlingshistorik?arende={filed.Reference}&fran={tomorrow}");
        Assert.Empty(later.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr"));
        var thatDay = await kansli.GetAsync($"/behandlingshistorik?arende={filed.Reference}&fran={today:yyyy-MM-dd}&till={today:yyyy-MM-dd}");
        Assert.Single(thatDay.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr"));

        using var snb = await LoginAsync("kansli@sodranorrbotten.example");
        var other = await snb.GetAsync($"/behandlingshistorik?arende={filed.Reference}");
        Assert.Equal(HttpStatusCode.OK, other.Status);
        Assert.Empty(other.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr"));
        Assert.Equal(HttpStatusCode.NotFound, (await snb.GetAsync($"/behandlingshistorik?forbund={app.ForbundId("INS")}")).Status);

        using var admin = await LoginAsync("admin@lexheller.example");
        var adminView = await admin.GetAsync($"/behandlingshistorik?forbund={app.ForbundId("INS")}&arende={filed.Reference}");
        Assert.Single(adminView.Document.QuerySelectorAll("[data-testid=accesslog] tbody tr"));
    }

    [Fact]
    public async Task The_exports_hold_the_filtered_rows_and_are_themselves_logged()
    {
        var filed = await app.FileCaseAsync(CaseState.Inkommen);
        using var reporter = await LoginAsync(Reporter);
        await reporter.GetAsync($"/arenden/{filed.Id}");
        using var kansli = await LoginAsync(Kansli);
        var before = RowsOf(Kansli).Count;

        var csv = await kansli.Http.GetAsync($"/behandlingshistorik?handler=Csv&arende={filed.Reference}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        var lines = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("När;Vem;Roll;Slag;Ärende;Vad;Sida;Inloggning", lines[0]);
        var line = Assert.Single(lines.Skip(1)).Split(';');
        Assert.Equal(["Sara Lindqvist", "Rapportor", "Ärendesida", filed.Reference, filed.Reference, $"/arenden/{filed.Id}"], line[1..7]);

        var xlsx = await kansli.Http.GetAsync($"/behandlingshistorik?handler=Xlsx&arende={filed.Reference}");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var stream = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var xrow = Assert.Single(sheet);
        Assert.Equal(filed.Reference, xrow["Ärende"]);
        Assert.Equal("Sara Lindqvist", xrow["Vem"]);

        var logged = RowsOf(Kansli).Skip(before).ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, r => Assert.Equal(AccessKind.Export, r.Kind));
        Assert.EndsWith(".csv: 1 rad", logged[0].What);
        Assert.EndsWith(".xlsx: 1 rad", logged[1].What);
    }
}
