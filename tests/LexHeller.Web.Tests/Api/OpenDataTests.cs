using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using LexHeller.Core.Cases;
using LexHeller.Core.Organisations;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Api;

/// <summary>
/// Open data without a key: only for a förbund whose kansli publishes it, only published answers and withheld small
/// counts, CSV with the JSON's columns, ETags, a licence on every answer, and a list another site may frame.
/// Insjöriket publishes in these tests; Södra Norrbotten never does.
/// </summary>
public class OpenDataTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string[] Files = ["svar.json", "svar.csv", "arssiffror.json", "arssiffror.csv", "svar.html"];

    private static string Word(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    private Task PublishAsync(string code, bool publish = true, string licence = "CC0-1.0") =>
        app.WithDbAsync(async db =>
        {
            var f = await db.Forbund.AsTracking().SingleAsync(f => f.Code == code);
            f.PublishOpenData(publish, licence);
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task A_forbund_that_does_not_publish_has_no_open_data_and_no_call_is_logged()
    {
        var calls = await app.WithDbAsync(db => db.ApiCalls.CountAsync());
        using var client = app.Client();
        foreach (var file in Files)
        {
            var problem = await (await client.GetAsync($"/api/v1/oppna-data/snb/{file}")).AssertProblemAsync(404);
            Assert.Contains("publicerar öppna data", problem.GetProperty("detail").GetString());
            // A code that does not exist is answered the same way.
            await (await client.GetAsync($"/api/v1/oppna-data/finnsinte/{file}")).AssertProblemAsync(404);
        }
        var index = await (await client.GetAsync("/api/v1/oppna-data")).JsonAsync();
        Assert.DoesNotContain(index.EnumerateArray(), d => d.GetProperty("code").GetString() == "SNB");
        Assert.Equal(calls, await app.WithDbAsync(db => db.ApiCalls.CountAsync()));
    }

    [Fact]
    public async Task Published_answers_are_open_without_a_key_and_without_the_reporter_or_any_unpublished_text()
    {
        await PublishAsync("INS", licence: "CC-BY-4.0");
        var published = Word("publicerad");
        var unpublished = Word("opublicerad");
        var theirs = Word("norrbotten");
        var mine = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"Remissen kom bort {published}.");
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == mine.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Summary, $"Sammanfattning, \"citat\" och {published}.")));
        await app.FileCaseAsync(CaseState.Avslutad, publish: false, whatHappened: $"Inte publicerad {unpublished}.");
        var other = await app.FileCaseAsync(CaseState.Avslutad, reporterEmail: "rapportor@sodranorrbotten.example", whatHappened: $"I Norrbotten {theirs}.");

        using var client = app.Client();
        var response = await client.GetAsync("/api/v1/oppna-data/ins/svar.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<https://creativecommons.org/licenses/by/4.0/deed.sv>; rel=\"license\"", string.Join(",", response.Headers.GetValues("Link")));
        var body = await response.Content.ReadAsStringAsync();
        var json = await response.JsonAsync();
        Assert.Equal("CC-BY-4.0", json.GetProperty("licence").GetProperty("id").GetString());
        Assert.Equal("Samordningsförbundet Insjöriket", json.GetProperty("forbund").GetString());
        var items = json.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(json.GetProperty("total").GetInt32(), items.Count);
        var item = items.Single(i => i.GetProperty("reference").GetString() == mine.Reference);
        Assert.Equal($"Sammanfattning, \"citat\" och {published}.", item.GetProperty("summary").GetString());
        Assert.Equal("ActionByParty", item.GetProperty("outcome").GetString());
        Assert.DoesNotContain(other.Reference, body);
        foreach (var secret in new[] { unpublished, theirs, "Sara Lindqvist", "rapportor@", "Remissen kom bort" })
            Assert.DoesNotContain(secret, body);

        // Case-insensitive code; the same answers as CSV, with the JSON's property names as the header, in order.
        var csvResponse = await client.GetAsync("/api/v1/oppna-data/INS/svar.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Contains("rel=\"license\"", string.Join(",", csvResponse.Headers.GetValues("Link")));
        var bytes = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.NotEqual(0xEF, bytes[0]);
        var (header, rows) = ParseCsv(bytes);
        Assert.Equal(item.EnumerateObject().Select(p => p.Name), header);
        Assert.Equal(items.Count, rows.Count);
        var row = rows.Single(r => r["reference"] == mine.Reference);
        Assert.Equal(item.GetProperty("summary").GetString(), row["summary"]);
        Assert.Equal(item.GetProperty("categoryId").GetInt32().ToString(CultureInfo.InvariantCulture), row["categoryId"]);
        Assert.Equal(item.GetProperty("publishedAt").GetDateTimeOffset(), DateTimeOffset.Parse(row["publishedAt"], CultureInfo.InvariantCulture));
        Assert.EndsWith("Z", row["publishedAt"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.ApiCalls.CountAsync(c => c.Path.StartsWith("/api/v1/oppna-data"))));
    }

    [Fact]
    public async Task A_summary_a_spreadsheet_would_run_as_a_formula_is_escaped_in_the_csv()
    {
        await PublishAsync("INS");
        var mine = await app.FileCaseAsync(CaseState.Avslutad);
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == mine.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Summary, "=HYPERLINK(\"http://x\")")));
        var (_, rows) = ParseCsv(await app.Client().GetByteArrayAsync("/api/v1/oppna-data/ins/svar.csv"));
        Assert.Equal("'=HYPERLINK(\"http://x\")", rows.Single(r => r["reference"] == mine.Reference)["summary"]);
    }

    [Fact]
    public async Task The_list_of_publishers_links_to_each_file_with_whole_addresses()
    {
        await PublishAsync("INS");
        var index = await (await app.Client().GetAsync("/api/v1/oppna-data")).JsonAsync();
        var ins = index.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "INS");
        Assert.Equal("CC0-1.0", ins.GetProperty("licence").GetProperty("id").GetString());
        foreach (var (property, file) in new[] { ("answers", "svar.json"), ("answersCsv", "svar.csv"), ("figures", "arssiffror.json"), ("figuresCsv", "arssiffror.csv"), ("embed", "svar.html") })
        {
            var url = new Uri(ins.GetProperty(property).GetString()!);
            Assert.True(url.IsAbsoluteUri);
            Assert.Equal($"/api/v1/oppna-data/ins/{file}", url.AbsolutePath);
            Assert.Equal(HttpStatusCode.OK, (await app.Client().GetAsync(url.PathAndQuery)).StatusCode);
        }
    }

    [Fact]
    public async Task Every_file_has_an_ETag_and_an_unchanged_one_gets_304()
    {
        await PublishAsync("INS");
        using var client = app.Client();
        foreach (var file in Files.Append(""))
        {
            var path = file == "" ? "/api/v1/oppna-data" : $"/api/v1/oppna-data/ins/{file}";
            var first = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var tag = first.Headers.ETag;
            Assert.NotNull(tag);
            Assert.Contains("public", first.Headers.CacheControl?.ToString());
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.IfNoneMatch(tag);
            var second = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
            Assert.Empty(await second.Content.ReadAsByteArrayAsync());
            using var stale = new HttpRequestMessage(HttpMethod.Get, path);
            stale.IfNoneMatch(new EntityTagHeaderValue("\"gammal\""));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_parameters_and_a_bad_count_are_refused_with_the_parameter_named()
    {
        await PublishAsync("INS");
        using var client = app.Client();
        await (await client.GetAsync("/api/v1/oppna-data/ins/svar.json?page=2")).AssertProblemAsync(400, "page");
        await (await client.GetAsync("/api/v1/oppna-data/ins/arssiffror.csv?ar=2026")).AssertProblemAsync(400, "ar");
        await (await client.GetAsync("/api/v1/oppna-data?forbund=1")).AssertProblemAsync(400, "forbund");
        foreach (var bad in new[] { "0", "101", "tio", "-1" })
            await (await client.GetAsync($"/api/v1/oppna-data/ins/svar.html?antal={bad}")).AssertProblemAsync(400, "antal");
    }

    [Fact]
    public async Task The_embeddable_list_may_be_framed_by_any_site_runs_nothing_and_escapes_what_people_wrote()
    {
        await PublishAsync("INS");
        var mine = await app.FileCaseAsync(CaseState.Avslutad);
        await app.WithDbAsync(db => db.Cases.Where(c => c.Id == mine.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Summary, "<script>alert(1)</script> Rad ett\nRad två")));
        using var client = app.Client();
        var response = await client.GetAsync("/api/v1/oppna-data/ins/svar.html?antal=1");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors *", csp);
        Assert.Contains("default-src 'none'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        var html = await response.Content.ReadAsStringAsync();
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        Assert.Equal("sv", document.DocumentElement.GetAttribute("lang"));
        Assert.Single(document.QuerySelectorAll("ol.answers > li"));
        Assert.Equal($"{mine.Reference}: Överlämning och remiss", document.QuerySelector("ol.answers h2")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Rad ett<br>Rad två", html);
        Assert.Contains("CC0 1.0", document.QuerySelector("footer a[rel~=license]")!.TextContent);

        // Every other page keeps refusing frames.
        foreach (var path in new[] { "/api/v1/oppna-data/ins/svar.json", "/api/v1/docs", "/" })
        {
            var other = await client.GetAsync(path);
            Assert.Equal("DENY", string.Join(",", other.Headers.GetValues("X-Frame-Options")));
            Assert.Contains("frame-ancestors 'none'", string.Join(";", other.Headers.GetValues("Content-Security-Policy")));
        }
    }

    [Fact]
    public async Task A_forbund_that_stops_publishing_is_gone_at_once()
    {
        await PublishAsync("INS");
        using var client = app.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/oppna-data/ins/svar.json")).StatusCode);
        await PublishAsync("INS", publish: false);
        try
        {
            await (await client.GetAsync("/api/v1/oppna-data/ins/svar.json")).AssertProblemAsync(404);
        }
        finally
        {
            await PublishAsync("INS");
        }
    }

    internal static (List<string> Header, List<Dictionary<string, string>> Rows) ParseCsv(byte[] bytes)
    {
        using var reader = new StreamReader(new MemoryStream(bytes), System.Text.Encoding.UTF8);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!.ToList();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read()) rows.Add(header.ToDictionary(h => h, h => csv.GetField(h)!));
        return (header, rows);
    }
}

/// <summary>The annual figures on a host of their own, so that the counts are only this test's cases.</summary>
public class OpenDataFigureTests
{
    [Fact]
    public async Task Annual_figures_withhold_small_counts_leave_out_people_tables_and_match_as_csv()
    {
        using var app = new AppFactory();
        await app.WithDbAsync(async db =>
        {
            var f = await db.Forbund.AsTracking().SingleAsync(f => f.Code == "INS");
            f.PublishOpenData(true, OpenDataLicence.Cc0.Id);
            return await db.SaveChangesAsync();
        });
        using var client = app.Client();
        var year = Stockholm.Today(app.Clock.GetUtcNow()).Year;
        var empty = await (await client.GetAsync("/api/v1/oppna-data/ins/arssiffror.json")).JsonAsync();
        Assert.Empty(empty.GetProperty("items").EnumerateArray());

        await app.FileCaseAsync(CaseState.Inkommen);
        var one = await (await client.GetAsync("/api/v1/oppna-data/ins/arssiffror.json")).JsonAsync();
        var received = Figure(one, year, "nyckeltal", "Inkomna ärenden");
        Assert.True(received.GetProperty("withheld").GetBoolean());
        Assert.Equal(JsonValueKind.Null, received.GetProperty("value").ValueKind);
        Assert.False(received.GetProperty("complete").GetBoolean());

        for (var i = 0; i < 3; i++) await app.FileCaseAsync(CaseState.Inkommen);
        var response = await client.GetAsync("/api/v1/oppna-data/ins/arssiffror.json");
        var four = await response.JsonAsync();
        Assert.Equal(4, Figure(four, year, "nyckeltal", "Inkomna ärenden").GetProperty("value").GetDouble());
        Assert.Equal(4, Figure(four, year, "kategori", "Överlämning och remiss").GetProperty("value").GetDouble());
        Assert.Equal(3, four.GetProperty("threshold").GetInt32());
        var items = four.GetProperty("items").EnumerateArray().ToList();
        // Only the tables named for open data: nothing about gender, age or who reported.
        Assert.Subset(new HashSet<string>(LexHeller.Core.Api.OpenDataQuery.Tables.Append(LexHeller.Core.Api.OpenDataQuery.HeadlineTable)),
            items.Select(i => i.GetProperty("table").GetString()!).ToHashSet());
        Assert.All(items, i => Assert.False(i.GetProperty("kind").GetString() == "Count" && i.GetProperty("value").ValueKind == JsonValueKind.Number
            && i.GetProperty("value").GetDouble() is > 0 and < 3, $"a small count was shown: {i}"));
        foreach (var secret in new[] { "\"table\":\"kon\"", "\"table\":\"alder\"", "\"table\":\"rapporterande\"", "Sara Lindqvist", "Remissen från kommunen" })
            Assert.DoesNotContain(secret, await response.Content.ReadAsStringAsync());

        var (header, rows) = OpenDataTests.ParseCsv(await client.GetByteArrayAsync("/api/v1/oppna-data/ins/arssiffror.csv"));
        Assert.Equal(items[0].EnumerateObject().Select(p => p.Name), header);
        Assert.Equal(items.Count, rows.Count);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(items[i].GetProperty("row").GetString(), rows[i]["row"]);
            Assert.Equal(items[i].GetProperty("value").ValueKind == JsonValueKind.Null ? "" : items[i].GetProperty("value").GetDouble().ToString("R", CultureInfo.InvariantCulture), rows[i]["value"]);
            Assert.Equal(items[i].GetProperty("withheld").GetBoolean() ? "true" : "false", rows[i]["withheld"]);
        }
    }

    private static JsonElement Figure(JsonElement figures, int year, string table, string row) =>
        figures.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("year").GetInt32() == year
            && i.GetProperty("table").GetString() == table && i.GetProperty("row").GetString() == row);
}
