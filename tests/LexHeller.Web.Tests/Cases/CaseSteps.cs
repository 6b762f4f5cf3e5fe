using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Cases;

/// <summary>Pressing the buttons of the case page as its users would.</summary>
internal static class CaseSteps
{
    /// <summary>
    /// Takes a choice of the case page as a user would: follows its link, fills in its form and, where the step asks
    /// for confirmation, confirms it. Returns the page reached (the case page when the step was taken).
    /// </summary>
    public static async Task<Browserless.Page> ActAsync(this Browserless browser, int caseId, string action, Dictionary<string, string>? fields = null)
    {
        var submitted = await browser.FillAsync(caseId, action, fields);
        return submitted.Document.QuerySelector($"form[data-confirm={action}]") is null
            ? submitted
            : await browser.SubmitAsync(submitted, new Dictionary<string, string>(), $"form[data-confirm={action}]");
    }

    /// <summary>Opens the choice's page and sends its form, stopping at the confirmation if one is shown.</summary>
    public static async Task<Browserless.Page> FillAsync(this Browserless browser, int caseId, string action, Dictionary<string, string>? fields = null)
    {
        var page = await browser.GetAsync(ChoicePath(caseId, action));
        return await browser.SubmitAsync(page, fields ?? new Dictionary<string, string>(), $"form[data-action={action}]");
    }

    public static string ChoicePath(int caseId, string action) => $"/arenden/{caseId}/atgard/{action}";

    /// <summary>Whether the case page offers the choice in "Vad vill du göra?".</summary>
    public static bool Offers(this Browserless.Page page, string action) =>
        page.Document.QuerySelector($"[data-testid=choices] a[data-action={action}]") is not null;

    public static Case Load(this AppFactory app, int id) =>
        app.WithDb(db => db.Cases.AsNoTracking().Include(c => c.Events).Include(c => c.Referrals).Include(c => c.Questions).Single(c => c.Id == id));
}
