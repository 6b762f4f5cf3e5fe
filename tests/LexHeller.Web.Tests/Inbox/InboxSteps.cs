using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Tests.Inbox;

/// <summary>Cases the inbox tests need beyond what CaseFactory gives, made through the same intent methods.</summary>
public static class InboxSteps
{
    public const string Kansli = "kansli@insjoriket.example";
    public const string Reporter = "rapportor@insjoriket.example";

    /// <summary>The ids of the case rows of a list page, in the order shown.</summary>
    public static IReadOnlyList<int> CaseIds(this Browserless.Page page) =>
        page.Document.QuerySelectorAll("table tbody tr[data-case]").Select(r => int.Parse(r.GetAttribute("data-case")!)).ToList();

    public static string RowText(this Browserless.Page page, int caseId) =>
        page.Document.QuerySelector($"table tbody tr[data-case='{caseId}']")?.TextContent ?? throw new InvalidOperationException($"No row for case {caseId}: {page.Text}");

    /// <summary>The number shown next to a state in the counts at the top of the inbox ("Alla" for null).</summary>
    public static int Count(this Browserless.Page page, CaseState? state)
    {
        var item = state is null
            ? page.Document.QuerySelector("[data-testid=state-counts] li:first-child .count")
            : page.Document.QuerySelector($"[data-testid=state-counts] li[data-state={state}] .count");
        return int.Parse(new string(item!.TextContent.Where(char.IsDigit).ToArray()));
    }

    /// <summary>A draft the reporter has not sent in; it must never reach the inbox.</summary>
    public static Task<int> CreateDraftAsync(this AppFactory app, string whatHappened, string reporterEmail = Reporter) =>
        app.WithDbAsync(async db =>
        {
            var (userId, forbundId, orgId) = await ReporterAsync(db, reporterEmail);
            var c = Case.NewDraft(forbundId, CaseKind.Avvikelse, userId, orgId, Guid.NewGuid(), app.Clock.GetUtcNow());
            c.EditDraft(Content(whatHappened, [new PartyRef(orgId, null)]), app.Clock.GetUtcNow());
            db.Cases.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });

    /// <summary>Files a handover report (Remiss/överlämning) as the reporter; it lands in Inkommen.</summary>
    public static Task<int> FileHandoverAsync(this AppFactory app, string whatHappened, string reporterEmail = Reporter) =>
        app.WithDbAsync(async db =>
        {
            var now = app.Clock.GetUtcNow();
            var (userId, forbundId, orgId) = await ReporterAsync(db, reporterEmail);
            var af = await db.Organisations.Where(o => o.Name == "Arbetsförmedlingen").Select(o => o.Id).SingleAsync();
            var code = await db.Forbund.Where(f => f.Id == forbundId).Select(f => f.Code).SingleAsync();
            var c = Case.NewDraft(forbundId, CaseKind.Overlamning, userId, orgId, Guid.NewGuid(), now);
            c.EditDraft(Content(whatHappened, [new PartyRef(orgId, null), new PartyRef(af, null)]) with
            {
                HandoverFromOrganisationId = orgId, HandoverToOrganisationId = af,
                HandoverSentDate = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-40)), HandoverReceived = false, DaysWaited = 40,
            }, now);
            db.Cases.Add(c);
            await using var tx = await db.Database.BeginTransactionAsync();
            var r = await CaseSubmission.SubmitAsync(db, c, code, userId, now);
            Assert.True(r.Fired, r.Refusal);
            await db.SaveChangesAsync();
            await tx.CommitAsync();
            return c.Id;
        });

    /// <summary>The kansli corrects the parties of a case under screening to just this organisation.</summary>
    public static Task SetOnlyPartyAsync(this AppFactory app, int caseId, string organisation) =>
        app.WithDbAsync(async db =>
        {
            var c = await db.Cases.Include(x => x.Parties).SingleAsync(x => x.Id == caseId);
            var orgId = await db.Organisations.Where(o => o.Name == organisation).Select(o => o.Id).SingleAsync();
            var kansli = await db.Users.Where(u => u.NormalizedEmail == Kansli.ToUpperInvariant()).Select(u => u.Id).SingleAsync();
            var r = CaseActions.Correct(c, new CaseActorContext(kansli, [CaseActor.Kansli], []), c.CategoryId, [new PartyRef(orgId, null)], app.Clock.GetUtcNow());
            Assert.True(r.Fired, r.Refusal);
            return await db.SaveChangesAsync();
        });

    private static CaseContent Content(string whatHappened, IReadOnlyList<PartyRef> parties) =>
        new(null, null, whatHappened, "Personen blev utan insats.", null, Gender.VillEjAnge, AgeBand.Okand, false, parties, []);

    private static async Task<(string UserId, int ForbundId, int OrganisationId)> ReporterAsync(LexHellerDb db, string email)
    {
        var m = await db.Memberships.Include(x => x.Organisations)
            .FirstAsync(x => x.User.NormalizedEmail == email.ToUpperInvariant() && x.Role == MembershipRole.Rapportor && x.IsActive);
        return (m.UserId, m.ForbundId!.Value, m.Organisations.First().OrganisationId);
    }
}
