using LexHeller.Core.Cases;
using LexHeller.Testing;

namespace LexHeller.Web.Tests.Words;

/// <summary>Counts on pages read "1 ärende" and "2 ärenden", never "1 ärenden".</summary>
public class PluralFormTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_published_list_counts_one_answered_case_in_the_singular()
    {
        var word = "trana" + Guid.NewGuid().ToString("N")[..8];
        await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"{word}: remissen kom aldrig fram.");
        using var browser = new Browserless(app);
        await browser.LoginAsync("styrelse@insjoriket.example");

        string Total(Browserless.Page page) => page.Document.QuerySelector("[data-testid=published-total]")!.TextContent;
        Assert.Equal("1 besvarat ärende.", Total(await browser.GetAsync($"/besvarade?q={word}")));

        await app.FileCaseAsync(CaseState.Avslutad, whatHappened: $"{word}: beskedet dröjde.");
        Assert.Equal("2 besvarade ärenden.", Total(await browser.GetAsync($"/besvarade?q={word}")));
    }

    [Fact]
    public async Task A_category_used_in_one_case_says_so_in_the_singular()
    {
        const string category = "Språk och tolk";
        var id = app.WithDb(db => db.Categories.First(c => c.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id && c.Name == category).Id);
        using var browser = new Browserless(app);
        await browser.LoginAsync("kansli@insjoriket.example");
        string Used(Browserless.Page page) => page.Document.QuerySelectorAll("dd")[2].TextContent;

        Assert.Equal("0 ärenden", Used(await browser.GetAsync($"/kategorier/{id}")));
        await app.FileCaseAsync(category: category);
        Assert.Equal("1 ärende", Used(await browser.GetAsync($"/kategorier/{id}")));
        await app.FileCaseAsync(category: category);
        Assert.Equal("2 ärenden", Used(await browser.GetAsync($"/kategorier/{id}")));
    }
}
