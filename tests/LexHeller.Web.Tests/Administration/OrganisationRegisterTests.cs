using System.Net;
using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Identity;
using LexHeller.Core.Organisations;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using static LexHeller.Web.Tests.Steps;

namespace LexHeller.Web.Tests.Administration;

public class OrganisationRegisterTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Admin = "admin@lexheller.example";

    [Fact]
    public async Task Administrator_adds_and_edits_an_organisation_and_a_duplicate_name_is_refused()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var form = await admin.GetAsync("/organisationer/ny");

        var added = await admin.SubmitAsync(form, Form(("Input.Name", "  Kungälvs   kommun "), ("Input.Kind", "Kommun")));
        var id = app.OrganisationId("Kungälvs kommun");
        Assert.Equal($"/organisationer/{id}", added.Url);
        Assert.Contains("Kungälvs kommun lades till i registret", added.Text);
        var created = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.OrganisationCreated && a.Subject == "Kungälvs kommun"));
        Assert.Equal((app.UserId(Admin), (string?)null, "Typ: Kommun"), (created.ActorUserId, created.Before, created.After));

        // Case is folded for Å, Ä and Ö too, which SQLite alone would not do.
        var duplicate = await admin.SubmitAsync(form, Form(("Input.Name", "KUNGÄLVS KOMMUN"), ("Input.Kind", "Kommun")));
        Assert.Equal("Det finns redan en organisation som heter Kungälvs kommun. Använd den i stället, eller slå ihop dubbletterna.",
            duplicate.Document.QuerySelector("#name-error")!.TextContent);
        Assert.Equal("true", duplicate.Document.QuerySelector("#Input_Name")!.GetAttribute("aria-invalid"));
        Assert.Single(app.WithDb(db => db.Organisations.Select(o => o.Name).ToList()), n => n.Equals("Kungälvs kommun", StringComparison.OrdinalIgnoreCase));

        var noKind = await admin.SubmitAsync(form, Form(("Input.Name", "Skatteverket"), ("Input.Kind", "")));
        Assert.Equal("Välj vilken sorts organisation det är.", noKind.Document.QuerySelector("#kind-error")!.TextContent);
        Assert.Equal("true", noKind.Document.QuerySelector("#Input_Kind")!.GetAttribute("aria-invalid"));

        var edit = await admin.GetAsync($"/organisationer/{id}");
        Assert.Equal("Organisationen används inte någonstans.", edit.Document.QuerySelector("[data-testid=usage]")!.TextContent);
        var clash = await admin.SubmitAsync(edit, Form(("Input.Name", "arbetsförmedlingen")));
        Assert.StartsWith("Det finns redan en organisation som heter Arbetsförmedlingen.", clash.Document.QuerySelector("#name-error")!.TextContent);
        var saved = await admin.SubmitAsync(edit, Form(("Input.Name", "Kungälv"), ("Input.Kind", "Region")));
        Assert.Contains("Ändringarna av Kungälv sparades", saved.Text);
        var organisation = app.WithDb(db => db.Organisations.AsNoTracking().Single(o => o.Id == id));
        Assert.Equal(("Kungälv", OrganisationKind.Region), (organisation.Name, organisation.Kind));
        var updated = app.WithDb(db => db.AuditEntries.Single(a => a.Action == AuditActions.OrganisationUpdated && a.Subject == "Kungälv"));
        Assert.Equal(("Namn: Kungälvs kommun; Typ: Kommun", "Namn: Kungälv; Typ: Region"), (updated.Before, updated.After));
    }

    [Fact]
    public async Task The_register_is_filtered_by_kind_searched_by_name_and_sorted()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);

        var kommuner = Names(await admin.GetAsync("/organisationer?typ=Kommun"));
        Assert.Equal(["Alingsås kommun", "Bodens kommun", "Härryda kommun", "Lerums kommun", "Luleå kommun", "Mölndals stad", "Partille kommun", "Piteå kommun", "Älvsbyns kommun"],
            kommuner.Where(n => n is not ("Kungälvs kommun" or "Tjörns kommun" or "Stenungsunds kommun")));
        Assert.Equal(["Mölndals stad"], Names(await admin.GetAsync("/organisationer?q=MÖLNDAL")));
        Assert.Equal(["Luleå kommun"], Names(await admin.GetAsync("/organisationer?q=lule&typ=Kommun")));
        Assert.Empty(Names(await admin.GetAsync("/organisationer?q=lule&typ=Region")));

        var byForbund = Names(await admin.GetAsync("/organisationer?sort=forbund"));
        Assert.Equal(["Arbetsförmedlingen", "Försäkringskassan"], byForbund.Take(2).Order());
        var byKind = await admin.GetAsync("/organisationer?sort=typ");
        var kinds = byKind.Document.QuerySelectorAll("[data-testid=organisations] tbody tr td:nth-child(2)").Select(td => td.TextContent).Distinct().ToList();
        Assert.Equal(["Försäkringskassan", "Arbetsförmedlingen", "Kommun", "Region", "Annan aktör"], kinds);
    }

    [Fact]
    public async Task An_organisation_in_use_cannot_be_deleted_and_an_unused_one_can()
    {
        await app.FileCaseAsync();
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);

        var fk = app.OrganisationId("Försäkringskassan");
        var inUse = await admin.SubmitAsync(await admin.GetAsync($"/organisationer/{fk}"), Form(), "form.delete-form");
        Assert.Matches(@"^Organisationen används i \d+ ärenden? och kan inte tas bort\. Slå ihop den med en annan i stället\.$",
            inUse.Document.QuerySelector("#delete-error")!.TextContent);
        Assert.True(app.WithDb(db => db.Organisations.Any(o => o.Id == fk)));

        var tjorn = await AddAsync("Tjörns kommun", OrganisationKind.Kommun);
        await app.WithDbAsync(db => db.Database.ExecuteSqlAsync($"INSERT INTO \"ForbundMembers\" (\"ForbundId\", \"OrganisationId\") VALUES ({app.ForbundId("INS")}, {tjorn})"));
        var member = await admin.SubmitAsync(await admin.GetAsync($"/organisationer/{tjorn}"), Form(), "form.delete-form");
        Assert.StartsWith("Organisationen används (1 förbund där organisationen är medlem) och kan inte tas bort.", member.Document.QuerySelector("#delete-error")!.TextContent);
        Assert.True(app.WithDb(db => db.Organisations.Any(o => o.Id == tjorn)));

        var unused = await AddAsync("Stenungsunds kommun", OrganisationKind.Kommun);
        var deleted = await admin.SubmitAsync(await admin.GetAsync($"/organisationer/{unused}"), Form(), "form.delete-form");
        Assert.Equal("/organisationer", deleted.Url);
        Assert.Contains("Stenungsunds kommun togs bort ur registret", deleted.Text);
        Assert.False(app.WithDb(db => db.Organisations.Any(o => o.Id == unused)));
        Assert.Single(app.WithDb(db => db.AuditEntries.Where(a => a.Subject == "Stenungsunds kommun" && a.After == "Borttagen ur registret").ToList()));
    }

    [Fact]
    public async Task Deleting_an_organisation_is_audited_as_a_deletion_not_an_update()
    {
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var id = await AddAsync("Orusts kommun", OrganisationKind.Kommun);

        await admin.SubmitAsync(await admin.GetAsync($"/organisationer/{id}"), Form(), "form.delete-form");

        var entries = app.WithDb(db => db.AuditEntries.Where(a => a.Subject == "Orusts kommun").OrderBy(a => a.Id).ToList());
        // The stored name is frozen: the change log and any later review read it.
        var deletion = Assert.Single(entries);
        Assert.Equal("OrganisationDeleted", deletion.Action);
        Assert.Equal("Orusts kommun (Kommun)", deletion.Before);
        Assert.Equal("Borttagen ur registret", deletion.After);
    }

    [Fact]
    public async Task Merging_a_duplicate_moves_every_reference_makes_collisions_one_and_is_audited()
    {
        const string answer = "Dubbletten svarade: rutinen för överlämningar ses över.";
        var fk = app.OrganisationId("Försäkringskassan");
        var af = app.OrganisationId("Arbetsförmedlingen");
        var ins = app.ForbundId("INS");
        var dup = await AddAsync("Försäkringskassan (dubblett)", OrganisationKind.Forsakringskassan);
        var bugFk = MembershipId("bug.fk@insjoriket.example");
        var bugAf = MembershipId("bug.af@insjoriket.example");

        // Case A was referred to FK and AF; it also names the duplicate as a party, and the duplicate answered the same round.
        var a = await app.FileCaseAsync(CaseState.RemitteradTillPart);
        // Case B was filed for the duplicate, about a handover from it, with it as party and in two rule conflicts.
        var b = await app.FileCaseAsync();
        var now = app.Clock.GetUtcNow();
        var sam = await app.WithDbAsync(async db =>
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"CaseParties\" (\"CaseId\", \"OrganisationId\") VALUES ({a.Id}, {dup})");
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CaseReferrals" ("CaseId", "Round", "OrganisationId", "ReferredAt", "DueDate", "Status")
                SELECT "CaseId", "Round", {dup}, "ReferredAt", "DueDate", 'Pending' FROM "CaseReferrals" WHERE "CaseId" = {a.Id} AND "OrganisationId" = {fk}
                """);
            await db.CaseReferrals.Where(r => r.CaseId == a.Id && r.OrganisationId == dup).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ReferralStatus.Answered).SetProperty(r => r.Response, answer).SetProperty(r => r.AnsweredAt, now));
            await db.Cases.Where(c => c.Id == b.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ReporterOrganisationId, dup).SetProperty(c => c.HandoverFromOrganisationId, dup));
            await db.CaseParties.Where(p => p.CaseId == b.Id && p.OrganisationId == fk).ExecuteUpdateAsync(s => s.SetProperty(p => p.OrganisationId, dup));
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "RuleConflicts" ("CaseId", "Position", "PartyAOrganisationId", "RequirementA", "PartyBOrganisationId", "RequirementB")
                VALUES ({b.Id}, 1, {dup}, 'Krav på intyg', {af}, 'Krav på inskrivning'), ({b.Id}, 2, {af}, 'Krav på bostad', {dup}, 'Krav på arbete')
                """);
            // The FK BUG member now acts for both; the AF BUG member for AF and the duplicate.
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"MembershipOrganisation\" (\"MembershipId\", \"OrganisationId\") VALUES ({bugFk}, {dup}), ({bugAf}, {dup})");
            // Insjöriket has both as members; a new förbund only the duplicate.
            var other = new Forbund("Samordningsförbundet Sammanslagning", "SAM");
            db.Forbund.Add(other);
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"ForbundMembers\" (\"ForbundId\", \"OrganisationId\") VALUES ({ins}, {dup}), ({other.Id}, {dup})");
            db.Compilations.Add(new Compilation(CompilationScope.Forbund, ins, Period.Month(2026, 1), new CompilationFilter(OrganisationId: dup), false, null, now));
            await db.SaveChangesAsync();
            return other.Id;
        });
        var versions = Versions(a.Id, b.Id);

        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var confirm = await admin.GetAsync($"/organisationer/{dup}/sla-ihop?med={fk}&behall=dubbletten");
        Assert.Equal(["Försäkringskassan (Försäkringskassan)", "Försäkringskassan (dubblett) (Försäkringskassan)"],
            confirm.Document.QuerySelectorAll("[data-testid=pair] dd").Select(dd => dd.TextContent));
        Assert.Equal([
            "1 ärende där rapportören företräder organisationen",
            "1 överlämning från eller till organisationen",
            "2 ärenden där organisationen är berörd part",
            "1 remiss till organisationen (med eventuellt partssvar)",
            "2 regelkrockar där organisationen är part",
            "2 användarroller som företräder organisationen",
            "2 förbund där organisationen är medlem",
            "1 sammanställning avgränsad till organisationen",
        ], confirm.Document.QuerySelectorAll("[data-testid=moving] li").Select(li => li.TextContent));

        var unconfirmed = await admin.SubmitAsync(confirm, Form());
        Assert.Equal("Kryssa i rutan för att bekräfta att Försäkringskassan (dubblett) ska tas bort.", unconfirmed.Document.QuerySelector("#bekrafta-error")!.TextContent);
        Assert.True(app.WithDb(db => db.Organisations.Any(o => o.Id == dup)));

        var merged = await admin.SubmitAsync(confirm, Form(("bekrafta", "true")));
        Assert.Equal($"/organisationer/{fk}", merged.Url);
        var status = merged.Document.QuerySelector(".notice")!.TextContent;
        Assert.StartsWith("Försäkringskassan (dubblett) slogs ihop med Försäkringskassan och togs bort ur registret. Till Försäkringskassan flyttades ", status);
        Assert.Contains($"{a.Reference}, remissomgång 1: båda var remitterade. Behöll svaret från Försäkringskassan (dubblett)", status);
        Assert.Contains("och tog bort den obesvarade remissen till Försäkringskassan.", status);

        // Nothing refers to the duplicate any more, and it is gone.
        Assert.False(app.WithDb(db => db.Organisations.Any(o => o.Id == dup)));
        Assert.Equal(OrganisationUsage.None, await app.WithDbAsync(db => new OrganisationMerge(db, app.Clock).UsageAsync(dup)));

        var caseB = app.WithDb(db => db.Cases.AsNoTracking().Single(c => c.Id == b.Id));
        Assert.Equal((fk, (int?)fk), (caseB.ReporterOrganisationId, caseB.HandoverFromOrganisationId));
        Assert.Equal(new int?[] { af, fk }.Order(), PartiesOf(b.Id));
        Assert.Equal(new int?[] { af, fk }.Order(), PartiesOf(a.Id));
        var referrals = app.WithDb(db => db.CaseReferrals.AsNoTracking().Where(r => r.CaseId == a.Id).OrderBy(r => r.OrganisationId).ToList());
        Assert.Equal(new[] { af, fk }.Order(), referrals.Select(r => r.OrganisationId).Order());
        var fkReferral = referrals.Single(r => r.OrganisationId == fk);
        Assert.Equal((ReferralStatus.Answered, answer), (fkReferral.Status, fkReferral.Response));
        var conflicts = app.WithDb(db => db.RuleConflicts.Where(r => r.CaseId == b.Id).OrderBy(r => r.Position)
            .Select(r => new { r.PartyAOrganisationId, r.PartyBOrganisationId }).ToList());
        Assert.Equal([(fk, af), (af, fk)], conflicts.Select(c => (c.PartyAOrganisationId!.Value, c.PartyBOrganisationId!.Value)));
        Assert.Equal([fk], Represented(bugFk));
        Assert.Equal(new[] { af, fk }.Order(), Represented(bugAf));
        Assert.Single(app.WithDb(db => db.ForbundMembers.Where(m => m.ForbundId == ins && m.OrganisationId == fk).ToList()));
        Assert.Equal([fk], app.WithDb(db => db.ForbundMembers.Where(m => m.ForbundId == sam).Select(m => m.OrganisationId).ToList()));
        var compilation = app.WithDb(db => db.Compilations.AsNoTracking().Single(c => c.RequestedAt == now && c.PeriodKind == PeriodKind.Month && c.From == new DateOnly(2026, 1, 1)));
        Assert.Equal(fk, compilation.FilterOrganisationId);
        Assert.Equal(Compilation.KeyFor(CompilationScope.Forbund, ins, Period.Month(2026, 1), new CompilationFilter(OrganisationId: fk)), compilation.DedupKey);
        // Anyone with one of the cases open in a form is told it changed instead of writing the old organisation back.
        Assert.All(Versions(a.Id, b.Id).Zip(versions), v => Assert.True(v.First > v.Second));

        var audit = app.WithDb(db => db.AuditEntries.Single(e => e.Action == AuditActions.OrganisationsMerged && e.Subject.StartsWith("Försäkringskassan (dubblett)")));
        Assert.Equal(app.UserId(Admin), audit.ActorUserId);
        Assert.Null(audit.ForbundId);
        Assert.Equal("Försäkringskassan (dubblett) → Försäkringskassan", audit.Subject);
        Assert.Contains("2 ärenden där organisationen är berörd part", audit.After);
        Assert.Contains("1 remiss till organisationen", audit.After);
        Assert.Contains("2 förbund där organisationen är medlem", audit.After);
        Assert.Contains("Dubbletter: 1 ärende hade båda som berörda parter", audit.After);
    }

    [Fact]
    public async Task A_merge_that_fails_midway_or_is_refused_changes_nothing()
    {
        var af = app.OrganisationId("Arbetsförmedlingen");
        var copy = await AddAsync("Arbetsförmedlingen (kopia)", OrganisationKind.Arbetsformedlingen);
        var bugAf = MembershipId("bug.af@sodranorrbotten.example");
        var c = await app.FileCaseAsync(reporterEmail: "rapportor@sodranorrbotten.example");
        await app.WithDbAsync(async db =>
        {
            await db.Cases.Where(x => x.Id == c.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ReporterOrganisationId, copy));
            await db.CaseParties.Where(p => p.CaseId == c.Id && p.OrganisationId == af).ExecuteUpdateAsync(s => s.SetProperty(p => p.OrganisationId, copy));
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"MembershipOrganisation\" (\"MembershipId\", \"OrganisationId\") VALUES ({bugAf}, {copy})");
            return await db.Database.ExecuteSqlAsync($"INSERT INTO \"ForbundMembers\" (\"ForbundId\", \"OrganisationId\") VALUES ({app.ForbundId("SNB")}, {copy})");
        });
        var copyBefore = await UsageAsync(copy);
        var afBefore = await UsageAsync(af);
        Assert.Equal((1, 1, 1, 1), (copyBefore.ReporterCases, copyBefore.Parties, copyBefore.Memberships, copyBefore.ForbundMemberships));

        // The last step, deleting the duplicate, fails after everything else has moved.
        await using (await FailingTrigger.CreateAsync(app, "stop_merge", "DELETE", "Organisations", copy, "stoppad i test"))
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => MergeAsync(af, copy));
            Assert.Contains("stoppad i test", failure.Message);
        }
        Assert.Equal(copyBefore, await UsageAsync(copy));
        Assert.Equal(afBefore, await UsageAsync(af));
        Assert.Equal(copy, app.WithDb(db => db.Cases.Where(x => x.Id == c.Id).Select(x => x.ReporterOrganisationId).Single()));
        Assert.False(app.WithDb(db => db.AuditEntries.Any(e => e.Action == AuditActions.OrganisationsMerged && e.Subject.StartsWith("Arbetsförmedlingen (kopia)"))));

        // Refused before anything starts: into itself, or with one that does not exist.
        var self = await MergeAsync(copy, copy);
        Assert.Equal("En organisation kan inte slås ihop med sig själv. Välj en annan organisation att behålla.", self.Refusal);
        Assert.StartsWith("Organisationen som skulle behållas finns inte längre", (await MergeAsync(99999, copy)).Refusal);
        Assert.StartsWith("Organisationen som skulle tas bort finns inte längre", (await MergeAsync(af, 99999)).Refusal);
        Assert.Equal(copyBefore, await UsageAsync(copy));

        // The page does not offer the organisation itself as its duplicate.
        using var admin = new Browserless(app);
        await admin.LoginAsync(Admin);
        var itself = await admin.GetAsync($"/organisationer/{copy}/sla-ihop?med={copy}&behall=denna");
        Assert.Equal("Välj den organisation som är en dubblett av den här.", itself.Document.QuerySelector("#med-error")!.TextContent);
        Assert.Equal("true", itself.Document.QuerySelector("#med")!.GetAttribute("aria-invalid"));
        Assert.Null(itself.Document.QuerySelector("form[method=post] #bekrafta"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/organisationer/99999/sla-ihop")).Status);
        Assert.Equal(copyBefore, await UsageAsync(copy));

        // With nothing in the way the same merge goes through; the SNB membership of both becomes one.
        var done = await MergeAsync(af, copy);
        Assert.True(done.Merged);
        Assert.Equal(OrganisationUsage.None, await UsageAsync(copy));
        Assert.Contains("1 förbund hade båda som medlemmar och har nu Arbetsförmedlingen en gång.", done.Collisions);
        Assert.Contains("1 användarroll företrädde båda och företräder nu bara Arbetsförmedlingen.", done.Collisions);
    }

    private async Task<int> AddAsync(string name, OrganisationKind kind) => await app.WithDbAsync(async db =>
    {
        var organisation = new Organisation(name, kind);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation.Id;
    });

    private Task<MergeResult> MergeAsync(int keep, int remove)
    {
        var actor = app.UserId(Admin);
        return app.WithDbAsync(db => new OrganisationMerge(db, app.Clock).MergeAsync(keep, remove, actor));
    }

    private Task<OrganisationUsage> UsageAsync(int id) => app.WithDbAsync(db => new OrganisationMerge(db, app.Clock).UsageAsync(id));

    private int MembershipId(string email) =>
        app.WithDb(db => db.Memberships.Where(m => m.User.Email == email && m.Role == MembershipRole.BugLedamot).Select(m => m.Id).Single());

    private List<int> Represented(int membershipId) =>
        app.WithDb(db => db.Set<MembershipOrganisation>().Where(m => m.MembershipId == membershipId).Select(m => m.OrganisationId).OrderBy(id => id).ToList());

    private List<int?> PartiesOf(int caseId) =>
        app.WithDb(db => db.CaseParties.Where(p => p.CaseId == caseId).Select(p => p.OrganisationId).OrderBy(id => id).ToList());

    private List<int> Versions(params int[] caseIds) =>
        app.WithDb(db => db.Cases.Where(c => caseIds.Contains(c.Id)).OrderBy(c => c.Id).Select(c => c.Version).ToList());

    private static List<string> Names(Browserless.Page page) =>
        page.Document.QuerySelectorAll("[data-testid=organisations] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
}
