using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Testing;

/// <summary>
/// Puts cases into the test database through the real workflow (every step an intent method, as the pages
/// use them), so tests can start from any state without clicking through the earlier ones.
/// </summary>
public static class CaseFactory
{
    public sealed record Filed(int Id, string Reference);

    /// <summary>
    /// Files a deviation as <paramref name="reporterEmail"/> and moves it on to <paramref name="until"/>:
    /// Inkommen → UnderGranskning (kansli takes it) → RedoForBug → BehandlasIBug → RemitteradTillPart
    /// (referred to Försäkringskassan and Arbetsförmedlingen) → Besvarad (both answer) → Avslutad (published).
    /// KompletteringBegard and Avvisad branch off screening.
    /// </summary>
    public static async Task<Filed> FileCaseAsync(this AppFactory app, CaseState until = CaseState.Inkommen,
        string reporterEmail = "rapportor@insjoriket.example", string whatHappened = "Remissen från kommunen kom aldrig fram till Arbetsförmedlingen.",
        string category = "Överlämning och remiss", bool publish = true,
        string consequences = "Personen blev utan insats i sex veckor.", IReadOnlyList<string>? parties = null,
        IReadOnlyList<(string PartyA, string RequirementA, string PartyB, string RequirementB)>? conflicts = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LexHellerDb>();
        var now = app.Clock.GetUtcNow();

        var reporter = await db.Users.SingleAsync(u => u.NormalizedEmail == reporterEmail.ToUpperInvariant());
        var membership = await db.Memberships.Include(m => m.Organisations).Include(m => m.Forbund)
            .FirstAsync(m => m.UserId == reporter.Id && m.Role == MembershipRole.Rapportor && m.IsActive);
        var forbund = membership.Forbund!;
        var domain = reporterEmail.Split('@')[1];
        var kansli = await UserIdAsync(db, $"kansli@{domain}");
        var fk = await db.Organisations.Where(o => o.Name == "Försäkringskassan").Select(o => o.Id).SingleAsync();
        var af = await db.Organisations.Where(o => o.Name == "Arbetsförmedlingen").Select(o => o.Id).SingleAsync();
        var categoryId = await db.Categories.Where(c => c.ForbundId == forbund.Id && c.Name == category).Select(c => c.Id).SingleAsync();

        var c = Case.NewDraft(forbund.Id, CaseKind.Avvikelse, reporter.Id, membership.Organisations.First().OrganisationId, Guid.NewGuid(), now);
        // Parties and rule conflicts by organisation name; by default Försäkringskassan and Arbetsförmedlingen, no conflict.
        var names = (parties ?? []).Concat((conflicts ?? []).SelectMany(r => new[] { r.PartyA, r.PartyB })).Distinct().ToList();
        var ids = await db.Organisations.Where(o => names.Contains(o.Name)).ToDictionaryAsync(o => o.Name, o => o.Id);
        IReadOnlyList<PartyRef> partyRefs = parties is null ? [new PartyRef(fk, null), new PartyRef(af, null)] : parties.Select(n => new PartyRef(ids[n], null)).ToList();
        var conflictContent = (conflicts ?? []).Select(r => new RuleConflictContent(new PartyRef(ids[r.PartyA], null), r.RequirementA, null,
            new PartyRef(ids[r.PartyB], null), r.RequirementB, null)).ToList();
        c.EditDraft(new CaseContent(DateOnly.FromDateTime(now.UtcDateTime.AddDays(-10)), categoryId, whatHappened,
            consequences, null, Gender.VillEjAnge, AgeBand.Okand, false, partyRefs, conflictContent), now);
        db.Cases.Add(c);
        await using (var tx = await db.Database.BeginTransactionAsync())
        {
            Check(await CaseSubmission.SubmitAsync(db, c, forbund.Code, reporter.Id, now));
            await db.SaveChangesAsync();
            await tx.CommitAsync();
        }

        var asKansli = new CaseActorContext(kansli, [CaseActor.Kansli], []);
        var asReporter = new CaseActorContext(reporter.Id, [CaseActor.Reporter], []);
        var steps = new List<Func<FireResult>>();
        if (until != CaseState.Inkommen) steps.Add(() => CaseActions.Take(c, asKansli, now));
        switch (until)
        {
            case CaseState.KompletteringBegard:
                steps.Add(() => CaseActions.AskReporter(c, asKansli, "Vilken enhet skickade remissen?", now));
                break;
            case CaseState.Avvisad:
                steps.Add(() => CaseActions.Reject(c, asKansli, "Gäller en enskild handläggares beslut.", "Överklaga beslutet hos myndigheten.", now));
                break;
            case CaseState.Aterkallad:
                steps.Clear();
                steps.Add(() => CaseActions.Withdraw(c, asReporter, now));
                break;
        }
        var bugRoute = new[] { CaseState.RedoForBug, CaseState.BehandlasIBug, CaseState.RemitteradTillPart, CaseState.Besvarad, CaseState.Avslutad };
        var depth = Array.IndexOf(bugRoute, until);
        if (depth >= 0) steps.Add(() => CaseActions.MarkReady(c, asKansli, now));
        if (depth >= 1) steps.Add(() => CaseActions.StartReview(c, asKansli, now));
        if (depth >= 2)
        {
            var today = DateOnly.FromDateTime(LexHeller.Core.Time.Stockholm.ToLocal(now).DateTime);
            steps.Add(() => CaseActions.Refer(c, asKansli, [fk, af], today.AddDays(28), today, [fk, af], now));
        }
        if (depth >= 3)
        {
            var bugFk = await UserIdAsync(db, $"bug.fk@{domain}");
            var bugAf = await UserIdAsync(db, $"bug.af@{domain}");
            steps.Add(() => CaseActions.SubmitPartyResponse(c, new(bugFk, [CaseActor.BugMember], [fk]), fk, "Försäkringskassan ser över rutinen för överlämningar.", now));
            steps.Add(() => CaseActions.SubmitPartyResponse(c, new(bugAf, [CaseActor.BugMember], [af]), af, "Arbetsförmedlingen har infört en kvittens på mottagna remisser.", now));
        }
        if (depth >= 4)
            steps.Add(() => CaseActions.Conclude(c, asKansli, CaseOutcome.ActionByParty, "Remisser tappades mellan kommun och AF.",
                "Parterna har infört kvittens på remisser.", publish, now));

        foreach (var step in steps)
        {
            Check(step());
            await db.SaveChangesAsync();
        }
        if (depth >= 4 && publish)
        {
            // Both parties answered, so both approve the text before the kansli publishes it.
            foreach (var (party, member) in new[] { (fk, "bug.fk"), (af, "bug.af") })
            {
                var approval = new LexHeller.Core.Systemic.PublicationApproval(c.Id, party, DateOnly.FromDateTime(now.UtcDateTime).AddDays(14), now);
                approval.Approve(await UserIdAsync(db, $"{member}@{domain}"), now);
                db.PublicationApprovals.Add(approval);
            }
            Check(CaseActions.SetPublication(c, asKansli, true, now));
            await db.SaveChangesAsync();
        }
        if (c.State != until) throw new InvalidOperationException($"The case reached {c.State}, not {until}.");
        return new Filed(c.Id, c.Reference!);
    }

    private static Task<string> UserIdAsync(LexHellerDb db, string email) =>
        db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync();

    private static void Check(FireResult r)
    {
        if (!r.Fired) throw new InvalidOperationException(r.Refusal);
    }
}
