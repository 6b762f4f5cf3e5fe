using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Published;

/// <summary>Concludes and reopens cases through the intent methods, as the kansli would on the case page.</summary>
public static class PublishedSteps
{
    public static IReadOnlyList<int> CaseIds(this Browserless.Page page) =>
        page.Document.QuerySelectorAll("table tbody tr[data-case]").Select(r => int.Parse(r.GetAttribute("data-case")!)).ToList();

    public static string RowText(this Browserless.Page page, int caseId) =>
        page.Document.QuerySelector($"table tbody tr[data-case='{caseId}']")?.TextContent ?? throw new InvalidOperationException($"No row for case {caseId}: {page.Text}");

    /// <summary>
    /// Takes a case under screening straight through the BUG to a conclusion (no referral), optionally with other
    /// parties than the reporter named.
    /// </summary>
    public static Task ConcludeAsync(this AppFactory app, int caseId, string summary, CaseOutcome outcome = CaseOutcome.SolvedLocally,
        string? onlyParty = null, bool publish = true) =>
        WithCaseAsync(app, caseId, async (db, c, kansli, now) =>
        {
            if (onlyParty is not null)
            {
                var orgId = await db.Organisations.Where(o => o.Name == onlyParty).Select(o => o.Id).SingleAsync();
                Check(CaseActions.Correct(c, kansli, c.CategoryId, [new PartyRef(orgId, null)], now));
            }
            Check(CaseActions.MarkReady(c, kansli, now));
            Check(CaseActions.StartReview(c, kansli, now));
            Check(CaseActions.Conclude(c, kansli, outcome, summary, "Kansliets svar till förbundets användare.", publish, now));
        });

    public static Task ReopenAsync(this AppFactory app, int caseId) =>
        WithCaseAsync(app, caseId, (_, c, kansli, now) =>
        {
            Check(CaseActions.Reopen(c, kansli, "Nya uppgifter har kommit in.", now));
            return Task.CompletedTask;
        });

    private static Task WithCaseAsync(AppFactory app, int caseId, Func<LexHellerDb, Case, CaseActorContext, DateTimeOffset, Task> work) =>
        app.WithDbAsync(async db =>
        {
            var c = await db.Cases.Include(x => x.Parties).Include(x => x.Questions).Include(x => x.Referrals).SingleAsync(x => x.Id == caseId);
            var domain = await db.Forbund.Where(f => f.Id == c.ForbundId).Select(f => f.Code).SingleAsync() == "INS" ? "insjoriket.example" : "sodranorrbotten.example";
            var kansli = await db.Users.Where(u => u.NormalizedEmail == $"KANSLI@{domain.ToUpperInvariant()}").Select(u => u.Id).SingleAsync();
            await work(db, c, new CaseActorContext(kansli, [CaseActor.Kansli], []), app.Clock.GetUtcNow());
            return await db.SaveChangesAsync();
        });

    private static void Check(FireResult r) => Assert.True(r.Fired, r.Refusal);
}
