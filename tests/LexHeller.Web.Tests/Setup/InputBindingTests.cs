using System.Net;
using LexHeller.Testing;
using LexHeller.Web.Tests.Cases;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Setup;

/// <summary>
/// Hostile and out-of-range input anywhere: a Swedish message next to the field or a filter that is dropped, an
/// unknown handler or method refused, never a server error and never a change.
/// </summary>
public class InputBindingTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Kansli = "kansli@insjoriket.example";
    private const string DateRange = "Ange ett datum mellan 2000-01-01 och 2100-12-31.";
    private const string ControlCharacter = "Texten innehåller ett osynligt styrtecken";

    [Theory]
    [InlineData("/inkorg?q=a%00b")]
    [InlineData("/inkorg?q=%00")]
    [InlineData("/inkorg?q=%22%00%22")]
    [InlineData("/inkorg?q=-")]
    [InlineData("/inkorg?q=%2B%20*%20%5E")]
    [InlineData("/inkorg?q=NEAR(a%20b)")]
    [InlineData("/inkorg?q=%F0%9F%99%82%EF%BF%BF")]
    [InlineData("/besvarade?q=a%00b")]
    [InlineData("/besvarade?q=-%20%22")]
    [InlineData("/inkorg?till=9999-12-31")]
    [InlineData("/inkorg?fran=0001-01-01")]
    [InlineData("/inkorg?status=999&typ=Okand&kategori=99999999999&p=-99999999999")]
    [InlineData("/andringslogg?fran=0001-01-01")]
    [InlineData("/andringslogg?till=9999-12-31")]
    [InlineData("/andringslogg?p=99999999999")]
    public async Task A_hostile_filter_shows_the_page_and_no_server_error(string url)
    {
        using var kansli = await LoginAsync(Kansli);
        var page = await kansli.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.Status);
    }

    [Fact]
    public async Task A_date_filter_out_of_range_is_named_and_dropped()
    {
        using var kansli = await LoginAsync(Kansli);
        var page = await kansli.GetAsync("/andringslogg?fran=0001-01-01");
        Assert.Contains("0001-01-01", page.Document.QuerySelector("[data-testid=ignored-filters]")!.TextContent);
        Assert.Contains(DateRange, page.Text);
    }

    public static TheoryData<string, string, string, string> BadPosts => new()
    {
        // page, field=value pairs (| between pairs), the field's error element, a part of its message
        { "/moten/nytt", "Input.Date=0001-01-01|Input.Time=00:00|Input.Place=Rådhuset", "#date-error", DateRange },
        { "/moten/nytt", "Input.Date=9999-12-31|Input.Time=23:59|Input.Place=Rådhuset", "#date-error", DateRange },
        { "/moten/nytt", "Input.Date=2027-03-01|Input.Time=10:00|Input.Place=Rum\u00014", "#place-error", ControlCharacter },
        { "/moten/nytt", "Input.Date=2027-03-01|Input.Time=10:00|Input.Place=Rum\u007f4", "#place-error", ControlCharacter },
        { "/moten/nytt", "Input.Date=2027-03-01|Input.Time=10:00|Input.Place=Rum\u00854", "#place-error", ControlCharacter },
        { "/moten/nytt", "Input.Date=2027-03-01|Input.Time=10:00|Input.Place=Rum 4|Input.Note=Fika\u001b[31m", "#note-error", ControlCharacter },
        { "/sammanstallningar/ny", "Input.From=2026-01-01|Input.To=9999-12-31", "#to-error", DateRange },
        { "/sammanstallningar/ny", "Input.From=0001-01-01|Input.To=2026-01-01", "#from-error", DateRange },
        { "/sammanstallningar/ny", "Input.From=2026-01-01|Input.To=2026-04-30|Input.Scope=Galaxen", "#scope-error", "Galaxen" },
        { "/sammanstallningar/ny", "Input.From=2026-01-01|Input.To=2026-04-30|Input.Scope=77", "#scope-error", "77" },
        { "/sammanstallningar/ny", "Input.From=2026-01-01|Input.To=2026-04-30|Input.CategoryId=99999999999", "#category-error", "99999999999" },
        { "/installningar", "Input.SharesCompilations=maybe|Input.ResponseDays=99", "#shares-error", "Välj ja eller nej" },
        { "/installningar", "Input.AgendaCutoffDays=-2147483649", "#cutoff-error", "Ange ett helt antal dagar mellan 1 och 60." },
    };

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task A_bad_value_is_named_next_to_its_field_and_nothing_changes(string url, string fields, string errorElement, string message)
    {
        using var kansli = await LoginAsync(Kansli);
        var before = Fingerprint();
        var page = await kansli.PostFromAsync(url, url, Pairs(fields));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(message, page.Document.QuerySelector(errorElement)?.TextContent ?? $"no {errorElement} in: {page.Text}");
        Assert.Equal(before, Fingerprint());
    }

    [Theory]
    [InlineData("GET", "/inkorg?handler=Okand")]
    [InlineData("GET", "/inkorg?handler=")]
    [InlineData("GET", "/installningar?handler=Okand")]
    [InlineData("POST", "/inkorg?handler=Okand")]
    [InlineData("POST", "/inkorg?handler=")]
    [InlineData("POST", "/installningar?handler=Okand")]
    [InlineData("POST", "/installningar?handler=")]
    [InlineData("POST", "/moten/nytt?handler=Okand")]
    [InlineData("POST", "/")]
    public async Task An_unknown_or_empty_handler_is_not_found_and_changes_nothing(string method, string url)
    {
        using var kansli = await LoginAsync(Kansli);
        var before = Fingerprint();
        var page = method == "GET"
            ? await kansli.GetAsync(url)
            // A change that the page's own handler would save rides along.
            : await kansli.PostFromAsync(url.Split('?')[0], url, Form(("Input.AgendaCutoffDays", "9"), ("Input.Date", "2027-03-01"), ("Input.Time", "10:00"), ("Input.Place", "Rådhuset")));
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(before, Fingerprint());
    }

    [Fact]
    public async Task A_handler_named_in_the_form_instead_of_the_address_is_not_found_either()
    {
        using var kansli = await LoginAsync(Kansli);
        var before = Fingerprint();
        var page = await kansli.PostFromAsync("/installningar", "/installningar", Form(("handler", "Okand"), ("Input.AgendaCutoffDays", "9")));
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(before, Fingerprint());
    }

    [Theory]
    [InlineData("TRACE", "/inkorg")]
    [InlineData("TRACE", "/")]
    [InlineData("PUT", "/installningar")]
    [InlineData("DELETE", "/moten/nytt")]
    [InlineData("PATCH", "/logga-in")]
    public async Task A_method_pages_do_not_serve_is_refused(string method, string url)
    {
        using var kansli = await LoginAsync(Kansli);
        var page = await kansli.SendAsync(new HttpMethod(method), url);
        Assert.Contains(page.Status, new[] { HttpStatusCode.MethodNotAllowed, HttpStatusCode.NotFound });
    }

    [Fact]
    public async Task Head_still_answers_like_get()
    {
        using var kansli = await LoginAsync(Kansli);
        Assert.Equal(HttpStatusCode.OK, (await kansli.SendAsync(HttpMethod.Head, "/inkorg")).Status);
    }

    [Fact]
    public async Task Full_width_digits_in_a_case_text_are_read_as_digits()
    {
        using var reporter = new Browserless(app);
        await reporter.LoginAsync(FilingSteps.Reporter);
        var cases = app.CaseCount();

        var fields = FilingSteps.ValidDeviation(app);
        fields["Input.WhatHappened"] = "Personen ９００１０１－００１７ fick vänta.";
        var refused = await reporter.PressAsync(await reporter.OpenFormAsync(), fields);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("ett personnummer (９００１０１－００１７)", refused.Text);
        Assert.Equal(cases, app.CaseCount());

        fields["Input.WhatHappened"] = "Beslutet dröjde １２ veckor efter att intyget kom in till handläggaren.";
        var filed = await reporter.PressAsync(await reporter.OpenFormAsync(), fields);
        Assert.NotEqual(HttpStatusCode.InternalServerError, filed.Status);
        Assert.Equal(cases + 1, app.CaseCount());
    }

    [Fact]
    public async Task A_control_character_in_a_case_text_is_refused_next_to_the_field()
    {
        using var reporter = new Browserless(app);
        await reporter.LoginAsync(FilingSteps.Reporter);
        var cases = app.CaseCount();
        var fields = FilingSteps.ValidDeviation(app);
        fields["Input.Consequences"] = "Personen stod utan ersättning\u0007 i tre månader.";
        var page = await reporter.PressAsync(await reporter.OpenFormAsync(), fields);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(ControlCharacter, page.ErrorText());
        Assert.Equal(cases, app.CaseCount());
    }

    [Fact]
    public async Task A_nul_in_a_posted_form_is_refused_by_the_form_reader_and_nothing_is_stored()
    {
        // ASP.NET Core's form reader will not decode %00, so such a form never reaches a page: a Swedish 400 page instead.
        using var reporter = new Browserless(app);
        await reporter.LoginAsync(FilingSteps.Reporter);
        var cases = app.CaseCount();
        var fields = FilingSteps.ValidDeviation(app);
        fields["Input.Consequences"] = "Personen stod utan ersättning\u0000 i tre månader.";
        var page = await reporter.PressAsync(await reporter.OpenFormAsync(), fields);
        Assert.Equal(HttpStatusCode.BadRequest, page.Status);
        Assert.Contains("Formuläret kunde inte tas emot", page.Text);
        Assert.Equal(cases, app.CaseCount());
    }

    [Theory]
    [InlineData("99")]
    [InlineData("Take, Reject")]
    [InlineData("Okänd")]
    public async Task A_step_that_names_no_choice_is_not_found_and_changes_nothing(string step)
    {
        var filed = await app.FileCaseAsync();
        using var kansli = await LoginAsync(Kansli);
        var before = Fingerprint();
        var page = await kansli.PostFromAsync($"/arenden/{filed.Id}/atgard/Take", $"/arenden/{filed.Id}/atgard/{Uri.EscapeDataString(step)}",
            Form(("Version", "1")));
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal(before, Fingerprint());
    }

    private static Dictionary<string, string> Pairs(string fields) =>
        fields.Split('|').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);

    private string Fingerprint() => app.WithDb(db => string.Join(",",
        db.Meetings.Count(), db.Compilations.Count(), db.AuditEntries.Count(), db.Cases.Count(), db.CaseEvents.Count(),
        string.Join(";", db.Forbund.OrderBy(f => f.Id).Select(f => $"{f.AgendaCutoffDays}/{f.ResponseDays}/{f.SharesCompilations}").ToList())));

    private async Task<Browserless> LoginAsync(string email)
    {
        var browser = new Browserless(app);
        await browser.LoginAsync(email);
        return browser;
    }
}
