using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Inbox.InboxSteps;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Inbox;

public class InboxTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string SnbReporter = "rapportor@sodranorrbotten.example";
    private const string SharedKansli = "samordnare@lexheller.example";

    private async Task<Browserless> KansliAsync(string email = Kansli)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task The_inbox_shows_the_current_forbunds_submitted_cases_and_no_drafts()
    {
        var inkommen = await app.FileCaseAsync(whatHappened: "Ansökan om Vattenbuffel fastnade hos kommunen.");
        var screened = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Vattenbuffel-ärendet bollades mellan FK och AF.");
        var draft = await app.CreateDraftAsync("Vattenbuffel i ett utkast som inte är inskickat.");
        var otherForbund = await app.FileCaseAsync(reporterEmail: SnbReporter, whatHappened: "Vattenbuffel i Södra Norrbotten.");

        using var browser = await KansliAsync();
        var page = await browser.GetAsync("/inkorg?q=vattenbuffel");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal([screened.Id, inkommen.Id], page.CaseIds());
        var row = page.RowText(screened.Id);
        Assert.Contains(screened.Reference, row);
        Assert.Contains("Avvikelse", row);
        Assert.Contains("Överlämning och remiss", row);
        Assert.Contains("Under granskning", row);
        Assert.Contains("Maria Holmberg", row);
        Assert.Contains("Ingen", page.RowText(inkommen.Id));
        Assert.NotNull(page.Document.QuerySelector($"tr[data-case='{inkommen.Id}'] a[href='/arenden/{inkommen.Id}']"));
        Assert.DoesNotContain(draft, page.CaseIds());
        Assert.DoesNotContain(otherForbund.Id, page.CaseIds());
        Assert.DoesNotContain(otherForbund.Reference, (await browser.GetAsync("/inkorg")).Text);
    }

    [Fact]
    public async Task A_kansli_of_both_forbund_sees_the_inbox_of_the_forbund_they_work_in()
    {
        var ins = await app.FileCaseAsync(whatHappened: "Tvillingförbund: remissen kom bort i Insjöriket.");
        var snb = await app.FileCaseAsync(reporterEmail: SnbReporter, whatHappened: "Tvillingförbund: remissen kom bort i Norrbotten.");

        using var browser = await KansliAsync(SharedKansli);
        var page = await browser.GetAsync("/inkorg?q=tvillingförbund");
        Assert.Equal([ins.Id], page.CaseIds());

        await browser.SubmitAsync(page, Form(("forbundId", app.ForbundId("SNB").ToString())), "form.switcher");
        page = await browser.GetAsync("/inkorg?q=tvillingförbund");
        Assert.Equal([snb.Id], page.CaseIds());
        Assert.Contains("Samordningsförbundet Södra Norrbotten", page.Text);
    }

    [Theory]
    [InlineData("rapportor@insjoriket.example")]
    [InlineData("bug.fk@insjoriket.example")]
    [InlineData("styrelse@insjoriket.example")]
    [InlineData("admin@lexheller.example")]
    public async Task Anyone_but_the_kansli_is_refused_the_inbox(string email)
    {
        using var browser = new Browserless(app);
        await browser.LoginAsync(email);
        var page = await browser.GetAsync("/inkorg");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("Du har inte behörighet till sidan", page.Text);
    }

    [Fact]
    public async Task Free_text_finds_a_word_of_a_case_and_not_the_others()
    {
        var interpreter = await app.FileCaseAsync(whatHappened: "Tolkbeställningen till Migrationsverket uteblev två gånger.");
        var housing = await app.FileCaseAsync(whatHappened: "Bostadsförturen krävde ett anställningsbevis som personen inte kunde få.");

        using var browser = await KansliAsync();
        Assert.Equal([interpreter.Id], (await browser.GetAsync("/inkorg?q=tolkbeställningen")).CaseIds());
        Assert.Equal([interpreter.Id], (await browser.GetAsync("/inkorg?q=Tolkbeställ")).CaseIds());
        Assert.Equal([housing.Id], (await browser.GetAsync("/inkorg?q=bostadsförturen anställningsbevis")).CaseIds());
        Assert.Empty((await browser.GetAsync("/inkorg?q=tolkbeställningen bostadsförturen")).CaseIds());
        Assert.Equal([housing.Id], (await browser.GetAsync($"/inkorg?q={housing.Reference}")).CaseIds());
        Assert.Equal([housing.Id], (await browser.GetAsync($"/inkorg?q={housing.Reference.ToLowerInvariant()}")).CaseIds());
        var none = await browser.GetAsync("/inkorg?q=zyxwvutsrq");
        Assert.Empty(none.CaseIds());
        Assert.Contains("Inga ärenden matchar filtren.", none.Text);
    }

    [Fact]
    public async Task The_state_and_kind_filters_narrow_the_list()
    {
        var inkommen = await app.FileCaseAsync(whatHappened: "Stenbock: intyget kom bort.");
        var question = await app.FileCaseAsync(CaseState.KompletteringBegard, whatHappened: "Stenbock: beslutet dröjde.");
        var handover = await app.FileHandoverAsync("Stenbock: överlämningen till AF kvitterades aldrig.");

        using var browser = await KansliAsync();
        Assert.Equal([handover, question.Id, inkommen.Id], (await browser.GetAsync("/inkorg?q=stenbock")).CaseIds());
        Assert.Equal([handover, inkommen.Id], (await browser.GetAsync("/inkorg?q=stenbock&status=Inkommen")).CaseIds());
        Assert.Equal([question.Id], (await browser.GetAsync("/inkorg?q=stenbock&status=KompletteringBegard")).CaseIds());
        Assert.Empty((await browser.GetAsync("/inkorg?q=stenbock&status=Avslutad")).CaseIds());
        var handovers = await browser.GetAsync("/inkorg?q=stenbock&typ=Overlamning");
        Assert.Equal([handover], handovers.CaseIds());
        Assert.Contains("Remiss/överlämning", handovers.RowText(handover));
        Assert.Equal([question.Id, inkommen.Id], (await browser.GetAsync("/inkorg?q=stenbock&typ=Avvikelse")).CaseIds());
        Assert.Equal([inkommen.Id], (await browser.GetAsync("/inkorg?q=stenbock&typ=Avvikelse&status=Inkommen")).CaseIds());
        Assert.Equal("KompletteringBegard", (await browser.GetAsync("/inkorg?q=stenbock&status=KompletteringBegard"))
            .Document.QuerySelector("#status option[selected]")!.GetAttribute("value"));
    }

    [Fact]
    public async Task The_category_and_party_filters_narrow_the_list()
    {
        var waiting = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Havsörn: väntetiden till utredning var ett år.", category: "Väntetid");
        var housing = await app.FileCaseAsync(whatHappened: "Havsörn: ingen bostad utan arbete.", category: "Boende");
        await app.SetOnlyPartyAsync(waiting.Id, "Mölndals stad");
        var waitingId = app.WithDb(db => db.Categories.Single(k => k.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id && k.Name == "Väntetid").Id);

        using var browser = await KansliAsync();
        Assert.Equal([housing.Id, waiting.Id], (await browser.GetAsync("/inkorg?q=havsörn")).CaseIds());
        Assert.Equal([waiting.Id], (await browser.GetAsync($"/inkorg?q=havsörn&kategori={waitingId}")).CaseIds());
        Assert.Equal([waiting.Id], (await browser.GetAsync($"/inkorg?q=havsörn&part={app.OrganisationId("Mölndals stad")}")).CaseIds());
        Assert.Equal([housing.Id], (await browser.GetAsync($"/inkorg?q=havsörn&part={app.OrganisationId("Arbetsförmedlingen")}")).CaseIds());
        Assert.Empty((await browser.GetAsync($"/inkorg?q=havsörn&part={app.OrganisationId("Kriminalvården")}")).CaseIds());
        Assert.Empty((await browser.GetAsync($"/inkorg?q=havsörn&kategori={waitingId}&part={app.OrganisationId("Arbetsförmedlingen")}")).CaseIds());
    }

    [Fact]
    public async Task The_handler_filter_finds_mine_nobodys_and_a_colleagues_cases()
    {
        var taken = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Järpe: handläggaren slutade.");
        var waiting = await app.FileCaseAsync(whatHappened: "Järpe: ingen har tittat.");

        using (var mine = await KansliAsync())
        {
            Assert.Equal([taken.Id], (await mine.GetAsync("/inkorg?q=järpe&handlaggare=mina")).CaseIds());
            Assert.Equal([waiting.Id], (await mine.GetAsync("/inkorg?q=järpe&handlaggare=ingen")).CaseIds());
            Assert.Empty((await mine.GetAsync($"/inkorg?q=järpe&handlaggare={app.UserId(SharedKansli)}")).CaseIds());
        }
        using var colleague = await KansliAsync(SharedKansli);
        Assert.Empty((await colleague.GetAsync("/inkorg?q=järpe&handlaggare=mina")).CaseIds());
        var byName = await colleague.GetAsync($"/inkorg?q=järpe&handlaggare={app.UserId(Kansli)}");
        Assert.Equal([taken.Id], byName.CaseIds());
        Assert.Equal("Maria Holmberg", byName.Document.QuerySelector("#handlaggare option[selected]")!.TextContent);
    }

    [Fact]
    public async Task The_period_filter_counts_days_in_Stockholm()
    {
        var early = await app.FileCaseAsync(whatHappened: "Lodjur: tidigt inskickat.");
        var earlyDay = DateOnly.FromDateTime(Stockholm.ToLocal(app.Clock.GetUtcNow()).DateTime);
        // 23:30 UTC is already the next day in Stockholm, summer and winter. The clock only moves forward.
        var lateAt = new DateTimeOffset(app.Clock.GetUtcNow().UtcDateTime.Date.AddDays(3).AddHours(23).AddMinutes(30), TimeSpan.Zero);
        app.Clock.SetUtcNow(lateAt);
        var late = await app.FileCaseAsync(whatHappened: "Lodjur: sent inskickat.");
        var lateUtcDay = DateOnly.FromDateTime(lateAt.UtcDateTime);
        var lateDay = lateUtcDay.AddDays(1);

        using var browser = await KansliAsync();
        Assert.Equal([late.Id, early.Id], (await browser.GetAsync("/inkorg?q=lodjur")).CaseIds());
        var onLateDay = await browser.GetAsync($"/inkorg?q=lodjur&fran={Day(lateDay)}&till={Day(lateDay)}");
        Assert.Equal([late.Id], onLateDay.CaseIds());
        Assert.Contains(Day(lateDay), onLateDay.RowText(late.Id));
        Assert.Equal([early.Id], (await browser.GetAsync($"/inkorg?q=lodjur&till={Day(lateUtcDay)}")).CaseIds());
        Assert.Equal([early.Id], (await browser.GetAsync($"/inkorg?q=lodjur&fran={Day(earlyDay)}&till={Day(earlyDay)}")).CaseIds());
        Assert.Equal([late.Id], (await browser.GetAsync($"/inkorg?q=lodjur&fran={Day(earlyDay.AddDays(1))}")).CaseIds());
        Assert.Empty((await browser.GetAsync($"/inkorg?q=lodjur&fran={Day(lateDay.AddDays(1))}")).CaseIds());
    }

    [Fact]
    public async Task Counts_per_state_count_the_whole_forbund_and_ignore_the_other_filters()
    {
        using var browser = await KansliAsync();
        var before = await browser.GetAsync("/inkorg");
        var states = Enum.GetValues<CaseState>().Where(s => s != CaseState.Utkast).ToList();
        Assert.Equal(states.Select(s => s.ToString()),
            before.Document.QuerySelectorAll("[data-testid=state-counts] li[data-state]").Select(li => li.GetAttribute("data-state")!));

        await app.FileCaseAsync(whatHappened: "Räkneord: ett.");
        await app.FileCaseAsync(whatHappened: "Räkneord: två.");
        await app.FileCaseAsync(CaseState.KompletteringBegard, whatHappened: "Räkneord: tre.");
        await app.FileCaseAsync(CaseState.Avvisad, whatHappened: "Räkneord: fyra.");
        await app.CreateDraftAsync("Räkneord: utkast.");
        await app.FileCaseAsync(reporterEmail: SnbReporter, whatHappened: "Räkneord: annat förbund.");

        var after = await browser.GetAsync("/inkorg?q=räkneord&typ=Overlamning&status=Avvisad");
        var expected = new Dictionary<CaseState, int> { [CaseState.Inkommen] = 2, [CaseState.KompletteringBegard] = 1, [CaseState.Avvisad] = 1 };
        foreach (var s in states)
            Assert.Equal(before.Count(s) + expected.GetValueOrDefault(s), after.Count(s));
        Assert.Equal(before.Count(null) + 4, after.Count(null));
        var db = await app.WithDbAsync(db => db.Cases.CountAsync(c => c.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id && c.State != CaseState.Utkast));
        Assert.Equal(db, after.Count(null));
        Assert.Equal("true", after.Document.QuerySelector("[data-testid=state-counts] li[data-state=Avvisad] a")!.GetAttribute("aria-current"));
    }

    [Fact]
    public async Task Paging_shows_fifty_a_page_and_its_links_keep_the_filters()
    {
        var filed = new List<int>();
        for (var i = 0; i < 53; i++)
            filed.Add((await app.FileCaseAsync(i % 10 == 0 ? CaseState.UnderGranskning : CaseState.Inkommen, whatHappened: $"Sidbyte nummer {i}.")).Id);

        using var browser = await KansliAsync();
        var first = await browser.GetAsync("/inkorg?q=sidbyte&sort=referens");
        Assert.Equal(filed.Take(50), first.CaseIds());
        Assert.Contains("53 ärenden, sida 1 av 2", first.Document.QuerySelector("[data-testid=inbox-total]")!.TextContent);
        var next = first.Document.QuerySelector("nav.pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal("/inkorg?q=sidbyte&sort=referens&p=2", next);
        Assert.Equal("page", first.Document.QuerySelector("nav.pager a[aria-current]")!.GetAttribute("aria-current"));

        var second = await browser.GetAsync(next);
        Assert.Equal(filed.Skip(50), second.CaseIds());
        Assert.Equal("/inkorg?q=sidbyte&sort=referens", second.Document.QuerySelector("nav.pager a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal(filed.Skip(50), (await browser.GetAsync("/inkorg?q=sidbyte&sort=referens&p=999")).CaseIds());

        // By state, a page can end inside one state and the next begin there.
        var byState = filed.Where((_, i) => i % 10 != 0).Reverse().Concat(filed.Where((_, i) => i % 10 == 0).Reverse()).ToList();
        Assert.Equal(byState.Take(50), (await browser.GetAsync("/inkorg?q=sidbyte&sort=status")).CaseIds());
        Assert.Equal(byState.Skip(50), (await browser.GetAsync("/inkorg?q=sidbyte&sort=status&p=2")).CaseIds());
        Assert.Equal(filed.Where((_, i) => i % 10 == 0).Reverse(), (await browser.GetAsync("/inkorg?q=sidbyte&sort=status&status=UnderGranskning")).CaseIds());
    }

    [Fact]
    public async Task Sorting_orders_by_submission_reference_state_and_last_change()
    {
        var screened = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Sorteringsord: först inskickat.");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var incoming = await app.FileCaseAsync(whatHappened: "Sorteringsord: sedan.");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var concluded = await app.FileCaseAsync(CaseState.Avslutad, whatHappened: "Sorteringsord: sist inskickat.");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await app.SetOnlyPartyAsync(screened.Id, "Försäkringskassan");

        using var browser = await KansliAsync();
        Assert.Equal([concluded.Id, incoming.Id, screened.Id], (await browser.GetAsync("/inkorg?q=sorteringsord")).CaseIds());
        Assert.Equal([screened.Id, incoming.Id, concluded.Id], (await browser.GetAsync("/inkorg?q=sorteringsord&sort=referens")).CaseIds());
        Assert.Equal([incoming.Id, screened.Id, concluded.Id], (await browser.GetAsync("/inkorg?q=sorteringsord&sort=status")).CaseIds());
        Assert.Equal([screened.Id, concluded.Id, incoming.Id], (await browser.GetAsync("/inkorg?q=sorteringsord&sort=andrad")).CaseIds());
    }

    [Theory]
    [InlineData("status=Finns-inte")]
    [InlineData("status=Utkast")]
    [InlineData("status=99")]
    [InlineData("typ=Brev")]
    [InlineData("kategori=abc")]
    [InlineData("kategori=SNB")]
    [InlineData("part=999999")]
    [InlineData("part=-1")]
    [InlineData("fran=2026-13-45&till=igår")]
    [InlineData("handlaggare=RAPPORTOR")]
    [InlineData("handlaggare=SNBKANSLI")]
    [InlineData("sort=Id;DROP TABLE Cases")]
    [InlineData("p=-3")]
    [InlineData("p=abc")]
    [InlineData("p=99999999999")]
    public async Task An_unknown_filter_value_filters_nothing(string bad)
    {
        var a = await app.FileCaseAsync(whatHappened: "Felfilter: ett ärende.");
        var b = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Felfilter: ett till.");
        var snbCategory = app.WithDb(db => db.Categories.First(k => k.ForbundId == db.Forbund.Single(f => f.Code == "SNB").Id).Id);
        bad = bad.Replace("SNBKANSLI", app.UserId("kansli@sodranorrbotten.example"))
            .Replace("RAPPORTOR", app.UserId(Reporter)).Replace("=SNB", $"={snbCategory}");

        using var browser = await KansliAsync();
        var page = await browser.GetAsync($"/inkorg?q=felfilter&{bad}");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Superset(new HashSet<int> { a.Id, b.Id }, page.CaseIds().ToHashSet());
        Assert.Equal(page.CaseIds().Count, (await browser.GetAsync("/inkorg?q=felfilter")).CaseIds().Count);
    }

    [Theory]
    [InlineData("\"*\"")]
    [InlineData("NEAR( AND OR NOT -")]
    [InlineData("^ * : \"")]
    [InlineData("LH-")]
    public async Task Search_syntax_in_free_text_never_fails(string q)
    {
        using var browser = await KansliAsync();
        var page = await browser.GetAsync("/inkorg?q=" + Uri.EscapeDataString(q));
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task A_reassignment_posted_by_a_reporter_is_refused()
    {
        var filed = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Rapportörsord: försöker fördela.");
        using var browser = new Browserless(app);
        await browser.LoginAsync(Reporter);
        var posted = await browser.PostFromAsync("/arenden/mina", "/inkorg?handler=Reassign",
            Form(("valda", $"{filed.Id}:0"), ("newHandler", app.UserId(Reporter))));
        Assert.Equal(HttpStatusCode.Forbidden, posted.Status);
        Assert.Equal(app.UserId(Kansli), app.WithDb(db => db.Cases.Single(c => c.Id == filed.Id).HandlerUserId));
    }
}
