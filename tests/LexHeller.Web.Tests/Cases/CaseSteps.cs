using LexHeller.Core.Cases;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Cases;

/// <summary>Pressing the buttons of the case page as its users would.</summary>
internal static class CaseSteps
{
    public static async Task<Browserless.Page> ActAsync(this Browserless browser, int caseId, string action, Dictionary<string, string>? fields = null)
    {
        var page = await browser.GetAsync($"/arenden/{caseId}");
        return await browser.SubmitAsync(page, fields ?? new Dictionary<string, string>(), $"form[data-action={action}]");
    }

    public static bool Offers(this Browserless.Page page, string action) =>
        page.Document.QuerySelector($"form[data-action={action}]") is not null;

    public static Case Load(this AppFactory app, int id) =>
        app.WithDb(db => db.Cases.AsNoTracking().Include(c => c.Events).Include(c => c.Referrals).Include(c => c.Questions).Single(c => c.Id == id));
}
