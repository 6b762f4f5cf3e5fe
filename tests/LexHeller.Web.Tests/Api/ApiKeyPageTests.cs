using System.Net;
using LexHeller.Core.Api;
using LexHeller.Core.Audit;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Api;

/// <summary>"API-nycklar" through real forms: make a key (shown once, only its hash kept), refuse bad input, revoke.</summary>
public class ApiKeyPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";

    private async Task<Browserless> AsAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private string Day(int daysFromToday) => Stockholm.Today(app.Clock.GetUtcNow()).AddDays(daysFromToday).ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_kansli_makes_a_key_that_is_shown_once_stored_only_as_its_hash_and_works()
    {
        using var browser = await AsAsync(Kansli);
        var name = "Förbundets webbplats " + Guid.NewGuid().ToString("N")[..6];
        var form = await browser.GetAsync("/api-nycklar");
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var created = await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Scopes"] = "Published\u001fRegister",
            ["Input.LastDay"] = Day(90),
        }, "form[data-testid=create-key]");
        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Contains($"API-nyckeln ”{name}” skapades", created.Document.QuerySelector("[data-testid=created]")!.TextContent);
        var secret = created.Document.QuerySelector("[data-testid=secret]")!.GetAttribute("value")!;
        Assert.True(secret.Length >= 43, secret);

        var stored = await app.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Name == name));
        Assert.Equal(ApiKey.HashOf(secret), stored.Hash);
        Assert.Equal(secret[..ApiKey.PrefixLength], stored.Prefix);
        Assert.Equal([ApiScope.Published, ApiScope.Register], stored.Scopes);
        Assert.Equal(await app.ForbundIdAsync("INS"), stored.ForbundId);
        Assert.Equal(Day(90), ApiKeysLastDay(stored));
        // The key is nowhere in the database: not in a column of the key, not in the audit trail.
        Assert.False(await app.WithDbAsync(db => db.ApiKeys.AnyAsync(k => k.Name.Contains(secret) || k.Hash == secret || k.ScopeNames.Contains(secret))));
        var audit = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.ApiKeyCreated && a.Subject.Contains(name)).ToListAsync());
        Assert.Single(audit);
        Assert.DoesNotContain(secret, audit[0].Subject + audit[0].After);

        // Shown once: the list afterwards shows the prefix, never the key.
        var list = await browser.GetAsync("/api-nycklar");
        Assert.DoesNotContain(secret, list.Document.DocumentElement.OuterHtml);
        var row = list.Document.QuerySelector($"tr[data-id='{stored.Id}']")!.TextContent;
        Assert.Contains(stored.Prefix, row);
        Assert.Contains("Aktiv", row);
        Assert.Contains("Aldrig", row);

        using var client = app.Client(secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/published")).StatusCode);
        var used = await browser.GetAsync("/api-nycklar");
        Assert.DoesNotContain("Aldrig", used.Document.QuerySelector($"tr[data-id='{stored.Id}']")!.TextContent);
    }

    private static string ApiKeysLastDay(ApiKey key) => Stockholm.FormatDate(key.ExpiresAt.AddTicks(-1));

    [Theory]
    [InlineData("", "Published", 30, "Input.Name", "Skriv ett namn")]
    [InlineData("Utan behörighet", "", 30, "Input.Scopes", "minst ett")]
    [InlineData("I dag", "Published", 0, "Input.LastDay", "efter i dag")]
    [InlineData("För länge", "Published", 800, "Input.LastDay", "högst två år")]
    [InlineData("Utan datum", "Published", null, "Input.LastDay", "Ange sista giltighetsdag")]
    public async Task Bad_input_is_refused_beside_the_field_and_in_the_summary_and_nothing_is_made(string name, string scopes, int? days, string field, string said)
    {
        using var browser = await AsAsync(Kansli);
        var before = await app.WithDbAsync(db => db.ApiKeys.CountAsync());
        var form = await browser.GetAsync("/api-nycklar");
        var fields = new Dictionary<string, string> { ["Input.Name"] = name, ["Input.LastDay"] = days is { } d ? Day(d) : "" };
        if (scopes != "") fields["Input.Scopes"] = scopes;
        else
            foreach (var box in form.Document.QuerySelectorAll("input[name='Input.Scopes']")) box.RemoveAttribute("checked");
        var page = await browser.SubmitAsync(form, fields, "form[data-testid=create-key]");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        var summary = page.Document.QuerySelector("[data-testid=error-summary]")!;
        Assert.Contains(said, summary.TextContent);
        var target = summary.QuerySelector("a")!.GetAttribute("href")!.TrimStart('#');
        Assert.NotNull(page.Document.GetElementById(target));
        Assert.Contains(said, page.Document.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent);
        Assert.Null(page.Document.QuerySelector("[data-testid=created]"));
        Assert.Equal(before, await app.WithDbAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task The_kansli_revokes_a_key_after_confirming_and_calls_with_it_are_refused()
    {
        var (secret, id) = await app.KeyAsync("INS");
        using var browser = await AsAsync(Kansli);
        var confirm = await browser.GetAsync($"/api-nycklar/{id}/aterkalla");
        Assert.Contains("Återkalla API-nyckeln", confirm.Text);
        var done = await browser.SubmitAsync(confirm, new Dictionary<string, string>());
        Assert.Equal("/api-nycklar", done.Url);
        Assert.Contains("återkallades", done.Document.QuerySelector(".notice")!.TextContent);
        Assert.NotNull(await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Id == id).Select(k => k.RevokedAt).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.ApiKeyRevoked)));
        await (await app.Client(secret).GetAsync("/api/v1/categories")).AssertProblemAsync(401);
        // Only active keys are listed unless asked for all.
        Assert.Null(done.Document.QuerySelector($"tr[data-id='{id}']"));
        var all = await browser.GetAsync("/api-nycklar?visa=alla");
        Assert.Contains("Återkallad", all.Document.QuerySelector($"tr[data-id='{id}']")!.TextContent);
    }

    [Fact]
    public async Task Another_forbunds_kansli_neither_sees_nor_revokes_the_key()
    {
        var (secret, id) = await app.KeyAsync("INS");
        using var browser = await AsAsync("kansli@sodranorrbotten.example");
        var list = await browser.GetAsync("/api-nycklar?visa=alla");
        Assert.Null(list.Document.QuerySelector($"tr[data-id='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/api-nycklar/{id}/aterkalla")).Status);
        var post = await browser.PostFromAsync("/api-nycklar", $"/api-nycklar/{id}/aterkalla", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal(HttpStatusCode.OK, (await app.Client(secret).GetAsync("/api/v1/categories")).StatusCode);
    }

    [Fact]
    public async Task The_administrator_makes_a_key_for_every_forbund()
    {
        using var browser = await AsAsync("admin@lexheller.example");
        var name = "Nationell uppföljning " + Guid.NewGuid().ToString("N")[..6];
        var form = await browser.GetAsync("/api-nycklar");
        var created = await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Scopes"] = "Register", ["Input.LastDay"] = Day(30), ["Input.AllForbund"] = "true",
        }, "form[data-testid=create-key]");
        var secret = created.Document.QuerySelector("[data-testid=secret]")!.GetAttribute("value")!;
        Assert.Null(await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == name).Select(k => k.ForbundId).SingleAsync()));
        var snb = await app.ForbundIdAsync("SNB");
        Assert.Equal(HttpStatusCode.OK, (await app.Client(secret).GetAsync($"/api/v1/organisations?forbund={snb}")).StatusCode);
    }

    [Fact]
    public async Task A_kansli_cannot_make_a_key_for_every_forbund()
    {
        using var browser = await AsAsync(Kansli);
        var name = "Försök " + Guid.NewGuid().ToString("N")[..6];
        var form = await browser.GetAsync("/api-nycklar");
        Assert.Null(form.Document.QuerySelector("input[name='Input.AllForbund']"));
        await browser.SubmitAsync(form, new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Scopes"] = "Register", ["Input.LastDay"] = Day(30), ["Input.AllForbund"] = "true",
        }, "form[data-testid=create-key]");
        Assert.Equal(await app.ForbundIdAsync("INS"), await app.WithDbAsync(db => db.ApiKeys.Where(k => k.Name == name).Select(k => k.ForbundId).SingleAsync()));
    }
}
