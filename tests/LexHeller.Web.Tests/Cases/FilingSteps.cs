using LexHeller.Testing;

namespace LexHeller.Web.Tests.Cases;

/// <summary>Filling in "Ny rapport" as a reporter would.</summary>
internal static class FilingSteps
{
    public const string Reporter = "rapportor@insjoriket.example";

    public static Dictionary<string, string> ValidDeviation(AppFactory app) => new()
    {
        ["Input.EventDate"] = "2026-10-14",
        ["Input.PartyIds"] = $"{app.OrganisationId("Försäkringskassan")}\u001f{app.OrganisationId("Mölndals stad")}",
        ["Input.CategoryId"] = app.WithDb(db => db.Categories.First(c => c.ForbundId == db.Forbund.Single(f => f.Code == "INS").Id && c.Name == "Regler som krockar").Id).ToString(),
        ["Input.WhatHappened"] = "Försäkringskassan krävde ett läkarintyg som vården inte utfärdar förrän Arbetsförmedlingen har gjort en kartläggning, och kartläggningen kräver intyget.",
        ["Input.Consequences"] = "Personen stod utan ersättning i tre månader.",
        ["Input.Suggestion"] = "En gemensam rutin för vem som börjar.",
        ["Input.Gender"] = "Kvinna",
        ["Input.AgeBand"] = "Age30To39",
        ["Input.SolvedLocally"] = "false",
    };

    public static async Task<Browserless.Page> OpenFormAsync(this Browserless browser, string kind = "avvikelse", int? draftId = null) =>
        await browser.GetAsync(draftId is null ? $"/arenden/ny?typ={kind}" : $"/arenden/{draftId}/redigera");

    /// <summary>Posts the form with the "Skicka in" (Submit) or "Spara utkast" (Draft) button.</summary>
    public static Task<Browserless.Page> PressAsync(this Browserless browser, Browserless.Page form, IDictionary<string, string> fields, string handler = "Submit", bool follow = true)
    {
        var path = form.Url.Split('?')[0];
        return browser.SubmitAsync(form, fields, "form.case-form", follow, $"{path}?handler={handler}");
    }

    public static int CaseCount(this AppFactory app) => app.WithDb(db => db.Cases.Count());
}
