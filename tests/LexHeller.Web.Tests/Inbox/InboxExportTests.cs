using System.Net;
using System.Text;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using static LexHeller.Web.Tests.Inbox.InboxSteps;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Inbox;

/// <summary>The inbox's export: the whole filtered list as XLSX and CSV, the reporter only when asked for, and then on record.</summary>
public class InboxExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string SnbReporter = "rapportor@sodranorrbotten.example";

    private static readonly string[] Header =
        ["Referens", "Typ", "Kategori", "Status", "Inkommen", "Ålder (dagar)", "Svar senast", "Försenad", "Handläggare", "Sammanfattning"];

    private sealed record Download(HttpStatusCode Status, string? ContentType, string? FileName, byte[] Bytes);

    /// <summary>Posts the export form of the inbox at <paramref name="list"/> as a browser would, with its token.</summary>
    private async Task<Download> ExportAsync(Browserless browser, string list, string format, bool withReporter = false)
    {
        var page = await browser.GetAsync(list);
        var form = page.Form("form.export");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!),
            new("format", format),
        };
        if (withReporter) fields.Add(new("rapportor", "true"));
        var response = await browser.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
        return new Download(response.StatusCode, response.Content.Headers.ContentType?.ToString(),
            response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName,
            await response.Content.ReadAsByteArrayAsync());
    }

    private static List<string[]> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>()
            .Select(r => r.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()).ToList();
    }

    private static List<string[]> ReadCsv(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var text = new UTF8Encoding(false).GetString(bytes, 3, bytes.Length - 3);
        // The test's cases hold no quotes, semicolons or line breaks, so a plain split reads them.
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(';')).ToList();
    }

    private async Task<Browserless> KansliAsync()
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(Kansli);
        return browser;
    }

    private string ReporterName => app.WithDb(db => db.Users.Single(u => u.NormalizedEmail == Reporter.ToUpperInvariant()).FullName);

    [Fact]
    public async Task The_xlsx_export_lists_every_matching_case_under_the_exact_header_and_no_reporter()
    {
        var a = await app.FileCaseAsync(whatHappened: "Exportord: ett ärende som väntar på granskning.");
        var b = await app.FileCaseAsync(CaseState.RemitteradTillPart, whatHappened: "Exportord: remitterat.");
        var notMatching = await app.FileCaseAsync(whatHappened: "Annat ord helt och hållet.");
        using var browser = await KansliAsync();

        var file = await ExportAsync(browser, "/inkorg?q=exportord", "xlsx");

        Assert.Equal(HttpStatusCode.OK, file.Status);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.ContentType);
        Assert.EndsWith(".xlsx", file.FileName);
        var rows = ReadXlsx(file.Bytes);
        Assert.Equal(Header, rows[0]);
        Assert.Equal([b.Reference, a.Reference], rows.Skip(1).Select(r => r[0]));
        var referred = rows.Single(r => r[0] == b.Reference);
        Assert.Equal("Remitterad till part", referred[3]);
        Assert.Equal("0", referred[5]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", referred[6]);
        Assert.Equal("Nej", referred[7]);
        Assert.Equal("Maria Holmberg", referred[8]);
        Assert.Equal("Exportord: remitterat.", referred[9]);
        Assert.DoesNotContain(rows.SelectMany(r => r), cell => cell.Contains(ReporterName));
        Assert.DoesNotContain(rows, r => r[0] == notMatching.Reference);
    }

    [Fact]
    public async Task The_csv_export_lists_the_filtered_cases_for_Swedish_Excel_and_leaves_the_reporter_out_unless_ticked()
    {
        var audited = app.WithDb(db => db.AuditEntries.Count(e => e.Action == AuditActions.InboxExportedWithReporters));
        var a = await app.FileCaseAsync(whatHappened: "Csvord: första.");
        var b = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Csvord: andra.");
        using var browser = await KansliAsync();

        var plain = ReadCsv((await ExportAsync(browser, "/inkorg?q=csvord&sort=referens", "csv")).Bytes);
        Assert.Equal(Header, plain[0]);
        Assert.Equal([a.Reference, b.Reference], plain.Skip(1).Select(r => r[0]));
        Assert.Equal([a.Reference], ReadCsv((await ExportAsync(browser, "/inkorg?q=csvord&status=Inkommen", "csv")).Bytes).Skip(1).Select(r => r[0]));
        Assert.DoesNotContain(ReporterName, string.Join("\n", plain.Select(r => string.Join(';', r))));
        Assert.Equal(audited, app.WithDb(db => db.AuditEntries.Count(e => e.Action == AuditActions.InboxExportedWithReporters)));

        var before = app.Clock.GetUtcNow();
        var named = ReadCsv((await ExportAsync(browser, "/inkorg?q=csvord&sort=referens", "csv", withReporter: true)).Bytes);
        Assert.Equal([.. Header, "Rapportör", "Rapportörens organisation"], named[0]);
        var organisation = app.WithDb(db => db.Cases.Where(c => c.Id == a.Id)
            .Select(c => db.Organisations.Where(o => o.Id == c.ReporterOrganisationId).Select(o => o.Name).Single()).Single());
        Assert.All(named.Skip(1), r => Assert.Equal((ReporterName, organisation), (r[10], r[11])));

        var entry = app.WithDb(db => db.AuditEntries.Where(e => e.Action == AuditActions.InboxExportedWithReporters).OrderByDescending(e => e.Id).First());
        Assert.Equal(app.UserId(Kansli), entry.ActorUserId);
        Assert.Equal(app.ForbundId("INS"), entry.ForbundId);
        Assert.True(entry.At >= before);
        Assert.Contains("2 rader", entry.After);
        Assert.Contains("q=csvord", entry.After);
        Assert.Equal(audited + 1, app.WithDb(db => db.AuditEntries.Count(e => e.Action == AuditActions.InboxExportedWithReporters)));
    }

    [Theory]
    [InlineData("xlsx")]
    [InlineData("csv")]
    public async Task An_empty_filter_gives_a_file_with_the_header_only(string format)
    {
        using var browser = await KansliAsync();
        var file = await ExportAsync(browser, "/inkorg?q=ordetsomintefinnsnågonstans", format);
        Assert.Equal(HttpStatusCode.OK, file.Status);
        var rows = format == "xlsx" ? ReadXlsx(file.Bytes) : ReadCsv(file.Bytes);
        Assert.Equal([Header], rows);
    }

    [Fact]
    public async Task Another_forbunds_category_or_party_filters_nothing_and_shows_none_of_its_cases()
    {
        var own = await app.FileCaseAsync(whatHappened: "Gränsord: i Insjöriket.");
        var other = await app.FileCaseAsync(reporterEmail: SnbReporter, whatHappened: "Gränsord: i Södra Norrbotten.");
        var snbCategory = app.WithDb(db => db.Categories.Where(k => k.ForbundId == db.Forbund.Single(f => f.Code == "SNB").Id && k.Name == "Överlämning och remiss").Select(k => k.Id).Single());
        using var browser = await KansliAsync();

        foreach (var list in new[] { $"/inkorg?q=gränsord&kategori={snbCategory}", $"/inkorg?q=gränsord&part=999999" })
        {
            var rows = ReadCsv((await ExportAsync(browser, list, "csv")).Bytes);
            Assert.Equal([own.Reference], rows.Skip(1).Select(r => r[0]));
            Assert.DoesNotContain(rows, r => r[0] == other.Reference);
        }
    }
}
