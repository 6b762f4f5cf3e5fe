using System.Net;
using LexHeller.Core.Cases;
using LexHeller.Testing;

namespace LexHeller.Web.Tests.Security;

public class FormFuzzTests
{
    private static readonly Who[] OpenersInOrder = [Who.Kansli, Who.Admin, Who.Rapportor, Who.Bug, Who.Styrelse, Who.Anonymous];

    [Fact]
    public async Task Every_form_field_of_every_page_takes_hostile_values_without_a_500_and_refuses_what_it_cannot_take_in_Swedish_storing_nothing()
    {
        using var app = new AppFactory();
        var matrix = new AuthorizationMatrix(app);
        await matrix.PrepareAsync();

        // Every page of the route table, opened by the first person who may; plus the case page in the states
        // whose forms differ, and a party's answer form.
        var pages = new List<(Who, string)>();
        foreach (var endpoint in (await AuthorizationMatrix.EndpointsAsync(app.Services)).Where(e => e is { Method: "GET", Handler: null }))
        {
            var url = matrix.Url(endpoint, own: true)!;
            foreach (var who in OpenersInOrder)
            {
                var (browser, _) = matrix.Session(who);
                if ((await browser.GetAsync(url, follow: false)).Status != HttpStatusCode.OK) continue;
                pages.Add((who, url));
                break;
            }
        }
        // The forms of the case page's choices, each on its own page.
        foreach (var (state, choices) in new[]
                 {
                     (CaseState.UnderGranskning, new[] { "AskReporter", "Reject", "Correct", "Redact" }),
                     (CaseState.KompletteringBegard, ["ResumeScreening"]),
                     (CaseState.BehandlasIBug, ["Refer", "Postpone", "Conclude"]),
                     (CaseState.Avslutad, ["Reopen"]),
                 })
        {
            var id = (await app.FileCaseAsync(state)).Id;
            foreach (var choice in choices) pages.Add((Who.Kansli, $"/arenden/{id}/atgard/{choice}"));
        }
        var referred = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        pages.Add((Who.Bug, $"/arenden/{referred.Id}/svar/{app.OrganisationId("Försäkringskassan")}"));
        Assert.True(pages.Count > 40, $"only {pages.Count} pages opened");

        var failures = await new FormFuzzer(matrix).RunAsync(pages);
        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n" + string.Join('\n', failures));
    }
}
