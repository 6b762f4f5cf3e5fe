using System.Net;
using LexHeller.Core.Api;
using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Api;

/// <summary>The read API through the real pipeline: keys in each state, the resources, paging, ETags and the call log.</summary>
public class ApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string Word(string stem) => stem + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task A_call_without_a_key_is_refused_with_401_and_logged_without_a_key()
    {
        var response = await app.Client().GetAsync("/api/v1/categories");
        var problem = await response.AssertProblemAsync(401);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString());
        Assert.True(await app.WithDbAsync(db => db.ApiCalls.AnyAsync(c => c.ApiKeyId == null && c.Path == "/api/v1/categories" && c.Status == 401)));
    }

    [Theory]
    [InlineData("unknown", "okänd")]
    [InlineData("revoked", "återkallats")]
    [InlineData("expired", "gått ut")]
    public async Task An_unusable_key_is_refused_with_401(string state, string said)
    {
        var key = state switch
        {
            "unknown" => "inte-en-nyckel-" + Guid.NewGuid().ToString("N"),
            "revoked" => (await app.KeyAsync("INS", revoked: true)).Key,
            _ => (await app.KeyAsync("INS", life: TimeSpan.FromMinutes(-1))).Key,
        };
        var response = await app.Client(key).GetAsync("/api/v1/published");
        var problem = await response.AssertProblemAsync(401);
        Assert.Contains(said, problem.GetProperty("detail").GetString());
        Assert.DoesNotContain("items", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_key_expires_on_the_moved_clock()
    {
        var (key, _) = await app.KeyAsync("INS", life: TimeSpan.FromHours(1));
        using var client = app.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/categories")).StatusCode);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await (await client.GetAsync("/api/v1/categories")).AssertProblemAsync(401);
    }

    [Fact]
    public async Task A_key_without_the_scope_is_refused_with_403()
    {
        var (key, id) = await app.KeyAsync("INS", [ApiScope.Register]);
        using var client = app.Client(key);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/categories")).StatusCode);
        var problem = await (await client.GetAsync("/api/v1/published")).AssertProblemAsync(403);
        Assert.Contains("publicerade svar", problem.GetProperty("detail").GetString());
        Assert.True(await app.WithDbAsync(db => db.ApiCalls.AnyAsync(c => c.ApiKeyId == id && c.Path == "/api/v1/published" && c.Status == 403)));
    }

    [Fact]
    public async Task A_key_of_one_forbund_is_refused_another_forbunds_data_with_403()
    {
        var (key, _) = await app.KeyAsync("INS");
        var other = await app.ForbundIdAsync("SNB");
        await (await app.Client(key).GetAsync($"/api/v1/categories?forbund={other}")).AssertProblemAsync(403);
    }

    [Fact]
    public async Task A_key_for_every_forbund_names_the_forbund_and_reads_only_it()
    {
        var (key, _) = await app.KeyAsync(null);
        using var client = app.Client(key);
        await (await client.GetAsync("/api/v1/categories")).AssertProblemAsync(400, "forbund");
        await (await client.GetAsync("/api/v1/categories?forbund=999999")).AssertProblemAsync(404);
        var ins = await app.ForbundIdAsync("INS");
        var snb = await app.ForbundIdAsync("SNB");
        var insIds = (await (await client.GetAsync($"/api/v1/categories?forbund={ins}")).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToList();
        var snbIds = (await (await client.GetAsync($"/api/v1/categories?forbund={snb}")).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).ToList();
        Assert.NotEmpty(insIds);
        Assert.NotEmpty(snbIds);
        Assert.Empty(insIds.Intersect(snbIds));
    }

    [Fact]
    public async Task Published_answers_are_the_forbunds_own_in_full_without_the_reporter_or_any_unpublished_text()
    {
        var published = Word("publicerad");
        var unpublished = Word("opublicerad");
        var filed = Word("inkommen");
        var otherForbund = Word("norrbotten");
        var mine = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"Remissen kom bort {published}.");
        await app.WithDbAsync(async db =>
        {
            // The published summary carries the word, as the kansli wrote it.
            await db.Cases.Where(c => c.Id == mine.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Summary, $"Sammanfattning {published}."));
            return 0;
        });
        await app.FileCaseAsync(CaseState.Avslutad, publish: false, whatHappened: $"Inte publicerad {unpublished}.");
        await app.FileCaseAsync(CaseState.Inkommen, whatHappened: $"Nyss inkommen {filed}.");
        var theirs = await app.FileCaseAsync(CaseState.Avslutad, reporterEmail: "rapportor@sodranorrbotten.example", whatHappened: $"I Norrbotten {otherForbund}.");

        var (key, _) = await app.KeyAsync("INS", [ApiScope.Published]);
        var response = await app.Client(key).GetAsync("/api/v1/published?pageSize=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var json = await response.JsonAsync();
        var item = json.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("reference").GetString() == mine.Reference);
        Assert.Equal($"Sammanfattning {published}.", item.GetProperty("summary").GetString());
        Assert.Equal("Parterna har infört kvittens på remisser.", item.GetProperty("answer").GetString());
        Assert.Equal("ActionByParty", item.GetProperty("outcome").GetString());
        Assert.Equal("Överlämning och remiss", item.GetProperty("category").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, item.GetProperty("publishedAt").ValueKind);
        Assert.DoesNotContain(theirs.Reference, body);
        foreach (var secret in new[] { unpublished, filed, otherForbund, "Sara Lindqvist", "rapportor@", "Remissen kom bort" })
            Assert.DoesNotContain(secret, body);
    }

    [Fact]
    public async Task Paging_and_filters_are_checked_and_a_bad_one_names_its_field()
    {
        var (key, _) = await app.KeyAsync("INS", [ApiScope.Published]);
        using var client = app.Client(key);
        await (await client.GetAsync("/api/v1/published?from=2026-13-01")).AssertProblemAsync(400, "from");
        await (await client.GetAsync("/api/v1/published?to=igår")).AssertProblemAsync(400, "to");
        await (await client.GetAsync("/api/v1/published?status=open")).AssertProblemAsync(400, "status");
        await (await client.GetAsync("/api/v1/published?pageSize=101")).AssertProblemAsync(400, "pageSize");
        await (await client.GetAsync("/api/v1/published?page=0")).AssertProblemAsync(400, "page");
        await (await client.GetAsync("/api/v1/published?page=100000")).AssertProblemAsync(400, "page");
        await (await client.GetAsync("/api/v1/published?category=abc")).AssertProblemAsync(400, "category");
        var theirCategory = await app.WithDbAsync(db => db.Categories.Where(c => db.Forbund.Any(f => f.Id == c.ForbundId && f.Code == "SNB")).Select(c => c.Id).FirstAsync());
        await (await client.GetAsync($"/api/v1/published?category={theirCategory}")).AssertProblemAsync(400, "category");
        await (await client.GetAsync("/api/v1/published?from=2026-05-02&to=2026-05-01")).AssertProblemAsync(400, "to");
    }

    [Fact]
    public async Task Pages_split_the_answers_and_the_period_and_category_filter_them()
    {
        for (var i = 0; i < 3; i++) await app.FileCaseAsync(CaseState.Avslutad);
        var (key, _) = await app.KeyAsync("INS", [ApiScope.Published]);
        using var client = app.Client(key);
        var all = await (await client.GetAsync("/api/v1/published?pageSize=100")).JsonAsync();
        var total = all.GetProperty("total").GetInt32();
        Assert.True(total >= 3);
        var first = await (await client.GetAsync("/api/v1/published?pageSize=2&page=1")).JsonAsync();
        var second = await (await client.GetAsync("/api/v1/published?pageSize=2&page=2")).JsonAsync();
        Assert.Equal((total + 1) / 2, first.GetProperty("pages").GetInt32());
        var refs = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(i => i.GetProperty("reference").GetString()).ToList();
        Assert.Equal(4, refs.Distinct().Count());
        Assert.Equal(all.GetProperty("items").EnumerateArray().Take(4).Select(i => i.GetProperty("reference").GetString()), refs);

        var today = LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow());
        var inPeriod = await (await client.GetAsync($"/api/v1/published?from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}&pageSize=100")).JsonAsync();
        Assert.Equal(total, inPeriod.GetProperty("total").GetInt32());
        var before = await (await client.GetAsync($"/api/v1/published?to={today.AddDays(-1):yyyy-MM-dd}")).JsonAsync();
        Assert.Equal(0, before.GetProperty("total").GetInt32());
        var after = await (await client.GetAsync($"/api/v1/published?from={today.AddDays(1):yyyy-MM-dd}")).JsonAsync();
        Assert.Equal(0, after.GetProperty("total").GetInt32());

        var categories = await app.WithDbAsync(db => db.Categories.Where(c => db.Forbund.Any(f => f.Id == c.ForbundId && f.Code == "INS"))
            .ToDictionaryAsync(c => c.Name, c => c.Id));
        var handover = await (await client.GetAsync($"/api/v1/published?category={categories["Överlämning och remiss"]}&pageSize=100")).JsonAsync();
        Assert.Equal(total, handover.GetProperty("total").GetInt32());
        var other = categories.First(c => c.Key != "Överlämning och remiss").Value;
        var none = await (await client.GetAsync($"/api/v1/published?category={other}")).JsonAsync();
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_unchanged_answer_is_not_sent_again_but_a_changed_one_is()
    {
        var (key, _) = await app.KeyAsync("INS");
        using var client = app.Client(key);
        foreach (var path in new[] { "/api/v1/published", "/api/v1/categories", "/api/v1/organisations" })
        {
            var first = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var tag = first.Headers.ETag!;
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.IfNoneMatch(tag);
            var notModified = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        }

        var before = (await client.GetAsync("/api/v1/published")).Headers.ETag!;
        await app.FileCaseAsync(CaseState.Avslutad);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/published");
        request.IfNoneMatch(before);
        var changed = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(before, changed.Headers.ETag);
    }

    [Fact]
    public async Task Categories_and_organisations_are_the_forbunds_own()
    {
        var (ins, _) = await app.KeyAsync("INS", [ApiScope.Register]);
        var (snb, _) = await app.KeyAsync("SNB", [ApiScope.Register]);
        var insOrgs = (await (await app.Client(ins).GetAsync("/api/v1/organisations")).JsonAsync()).EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        var snbOrgs = (await (await app.Client(snb).GetAsync("/api/v1/organisations")).JsonAsync()).EnumerateArray().Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Contains("Mölndals stad", insOrgs);
        Assert.DoesNotContain("Bodens kommun", insOrgs);
        Assert.Contains("Bodens kommun", snbOrgs);
        Assert.Contains("Försäkringskassan", insOrgs);
        Assert.Contains("Försäkringskassan", snbOrgs);
        var categories = await (await app.Client(ins).GetAsync("/api/v1/categories")).JsonAsync();
        Assert.Contains(categories.EnumerateArray(), c => c.GetProperty("name").GetString() == "Överlämning och remiss" && c.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Every_call_is_logged_with_its_key_method_path_and_status()
    {
        var (key, id) = await app.KeyAsync("INS", [ApiScope.Register]);
        using var client = app.Client(key);
        await client.GetAsync("/api/v1/categories");
        await client.GetAsync("/api/v1/published");
        await (await client.GetAsync("/api/v1/finns-inte")).AssertProblemAsync(404);
        var calls = await app.WithDbAsync(db => db.ApiCalls.Where(c => c.ApiKeyId == id).OrderBy(c => c.Id)
            .Select(c => new { c.Method, c.Path, c.Status, c.At }).ToListAsync());
        Assert.Equal([("GET", "/api/v1/categories", 200), ("GET", "/api/v1/published", 403), ("GET", "/api/v1/finns-inte", 404)],
            calls.Select(c => (c.Method, c.Path, c.Status)));
        Assert.All(calls, c => Assert.Equal(app.Clock.GetUtcNow(), c.At));
    }
}
