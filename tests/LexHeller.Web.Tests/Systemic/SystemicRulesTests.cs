using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// The rules of systemfel, the joint register and measures as the Core commands and queries keep them: the lifecycle,
/// who may link what, the small-count suppression and isolation across förbund, and what reporters are told.
/// </summary>
public class SystemicRulesTests : IDisposable
{
    private const string InsKansli = "kansli@insjoriket.example";
    private const string SnbKansli = "kansli@sodranorrbotten.example";

    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<T> WithAsync<T>(Func<SystemicCommands, SystemicQuery, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SystemicCommands>(), scope.ServiceProvider.GetRequiredService<SystemicQuery>());
    }

    private static SystemicInput Input(string title = "Sjukpenning och inskrivning krockar", IReadOnlyList<int>? parties = null, int? a = null, int? b = null) =>
        new(title, "Försäkringskassan och Arbetsförmedlingen ställer krav som utesluter varandra.", null, null, parties ?? [], a, b);

    private async Task<int> IdentifyAsync(string kansli = InsKansli, string forbund = "INS", int? fromCase = null)
    {
        var user = await app.CaseUserAsync(kansli);
        var made = await WithAsync((commands, _) => commands.IdentifyAsync(user, app.ForbundId(forbund), Input(), fromCase));
        Assert.Equal(CommandStatus.Done, made.Result.Status);
        return made.Id!.Value;
    }

    private async Task LinkAsync(string kansli, int problem, int caseId, CommandStatus expected = CommandStatus.Done)
    {
        var user = await app.CaseUserAsync(kansli);
        var result = await WithAsync((commands, _) => commands.LinkCaseAsync(user, problem, caseId));
        Assert.True(expected == result.Status, $"{result.Status}: {result.Message} {string.Join(" ", result.FieldErrors.Select(e => e.Message))}");
    }

    private async Task ShareAsync(string kansli, string forbund, bool share)
    {
        var user = await app.CaseUserAsync(kansli);
        var result = await WithAsync((commands, _) => commands.ShareAsync(user, app.ForbundId(forbund), share));
        Assert.Equal(CommandStatus.Done, result.Status);
    }

    [Fact]
    public async Task A_systemfel_moves_through_its_lifecycle_and_a_step_out_of_turn_is_refused()
    {
        var id = await IdentifyAsync();
        var kansli = await app.CaseUserAsync(InsKansli);

        var outOfTurn = await WithAsync((c, _) => c.MoveAsync(kansli, id, null, SystemicStatus.Lost, null, null));
        Assert.Equal(CommandStatus.Refused, outOfTurn.Status);
        Assert.Equal("Ett systemfel med status Identifierat kan inte få status Löst.", Assert.Single(outOfTurn.FieldErrors).Message);

        foreach (var to in new[] { SystemicStatus.Analyseras, SystemicStatus.AtgardPagar, SystemicStatus.Uppfoljning, SystemicStatus.Lost })
        {
            var moved = await WithAsync((c, _) => c.MoveAsync(kansli, id, null, to, $"Steg till {to}", null));
            Assert.Equal(CommandStatus.Done, moved.Status);
        }
        var escalated = await WithAsync((c, _) => c.EscalateAsync(kansli, id, null, EscalationLevel.Nationellt, "Nationella rådet", "Behöver en lagändring."));
        Assert.Equal(CommandStatus.Done, escalated.Status);

        var details = await WithAsync((_, q) => q.DetailsAsync(id, app.ForbundId("INS")));
        Assert.NotNull(details);
        Assert.Equal(SystemicStatus.Lost, details.Problem.Status);
        Assert.Equal(EscalationLevel.Nationellt, details.Problem.Escalation);
        Assert.Equal(
            [SystemicEventKind.Identified, SystemicEventKind.StatusChanged, SystemicEventKind.StatusChanged, SystemicEventKind.StatusChanged,
                SystemicEventKind.StatusChanged, SystemicEventKind.Escalated],
            details.History.Select(h => h.Kind));
        Assert.Equal([SystemicStatus.Identifierat, SystemicStatus.Analyseras, SystemicStatus.AtgardPagar, SystemicStatus.Uppfoljning],
            details.History.Where(h => h.Kind == SystemicEventKind.StatusChanged).Select(h => h.From!.Value));
        Assert.Equal("Nationellt (Nationella rådet): Behöver en lagändring.", details.History[^1].Text);
    }

    [Fact]
    public async Task Bad_input_is_refused_by_field_and_nothing_is_written()
    {
        var kansli = await app.CaseUserAsync(InsKansli);
        var ins = app.ForbundId("INS");
        var norrbotten = app.OrganisationId("Region Norrbotten");
        var fk = app.OrganisationId("Försäkringskassan");
        var before = app.WithDb(db => (db.SystemicProblems.Count(), db.Measures.Count(), db.AuditEntries.Count()));

        var refused = await WithAsync((c, _) => c.IdentifyAsync(kansli, ins, new SystemicInput(" ", "", null, norrbotten, [norrbotten], fk, null), null));
        Assert.Equal(CommandStatus.Refused, refused.Result.Status);
        Assert.Equal(["Title", "Description", "OwnerOrganisationId", "PartyIds", "ConflictPartyB"], refused.Result.FieldErrors.Select(e => e.Field));

        var id = await IdentifyAsync();
        before = (before.Item1 + 1, before.Item2, app.WithDb(db => db.AuditEntries.Count()));
        var today = LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow());
        var measure = await WithAsync((c, _) => c.PlanMeasureAsync(kansli, ins, null, id,
            new MeasureInput("", norrbotten, today.AddDays(-1), today.AddDays(-2))));
        Assert.Equal(["Description", "OrganisationId", "DueDate", "FollowUpDate"], measure.Result.FieldErrors.Select(e => e.Field));
        var late = await WithAsync((c, _) => c.PlanMeasureAsync(kansli, ins, null, id, new MeasureInput("Gemensam rutin", fk, today.AddDays(30), today.AddDays(10))));
        Assert.Equal("Uppföljningen kan inte ligga före datumet då åtgärden ska vara genomförd.", Assert.Single(late.Result.FieldErrors).Message);

        Assert.Equal(before, app.WithDb(db => (db.SystemicProblems.Count(), db.Measures.Count(), db.AuditEntries.Count())));
    }

    [Fact]
    public async Task Reporters_of_linked_cases_are_told_in_the_systemfels_words_and_nothing_of_another_case()
    {
        var first = await app.FileCaseAsync(CaseState.UnderGranskning, whatHappened: "Hemligt-ord-ett: intyget kom bort mellan handläggarna.");
        var second = await app.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: "rapportor.kommun@insjoriket.example",
            whatHappened: "Hemligt-ord-två: ingen tog emot överlämningen.");
        var id = await IdentifyAsync(fromCase: first.Id);
        await LinkAsync(InsKansli, id, second.Id);
        var kansli = await app.CaseUserAsync(InsKansli);
        var outboxBefore = app.WithDb(db => db.Outbox.Count());

        var moved = await WithAsync((c, _) => c.MoveAsync(kansli, id, null, SystemicStatus.Analyseras, "Internt: möte med FK", "Parterna ses i mars."));

        Assert.Equal("Systemfelet har nu status Analyseras. 2 rapportörer får ett mejl: ”Det här har hänt sedan du rapporterade”.", moved.Message);
        var mails = app.WithDb(db => db.Outbox.OrderBy(o => o.Id).Skip(outboxBefore).ToList());
        Assert.Equal(2, mails.Count);
        foreach (var (own, other) in new[] { (first, second), (second, first) })
        {
            var mail = Assert.Single(mails, m => m.Subject.StartsWith(own.Reference, StringComparison.Ordinal));
            Assert.Contains("Systemfelet ”Sjukpenning och inskrivning krockar” som ditt ärende är kopplat till har nu status: Analyseras. Parterna ses i mars.", mail.TextBody);
            Assert.DoesNotContain(other.Reference, mail.TextBody + mail.HtmlBody + mail.Subject);
            Assert.DoesNotContain("Hemligt-ord", mail.TextBody + mail.HtmlBody);
            Assert.DoesNotContain("Internt", mail.TextBody + mail.HtmlBody);
            Assert.True(mail.ReporterBound);
        }
        var ledger = app.WithDb(db => db.CaseImpacts.Where(i => i.CaseId == first.Id).Select(i => i.Text).ToList());
        Assert.Equal(["Systemfelet ”Sjukpenning och inskrivning krockar” som ditt ärende är kopplat till har nu status: Analyseras. Parterna ses i mars."], ledger);

        // A measure on one case tells that case's reporter only; one on the systemfel tells both.
        var today = LexHeller.Core.Time.Stockholm.Today(app.Clock.GetUtcNow());
        var onCase = await WithAsync((c, _) => c.PlanMeasureAsync(kansli, app.ForbundId("INS"), first.Id, null, new MeasureInput("Ny blankett för överlämning", null, today, today.AddDays(60))));
        var done = await WithAsync((c, _) => c.MarkDoneAsync(kansli, onCase.Id!.Value, null, "Klart i tid.", null));
        Assert.Equal("Du har markerat åtgärden som genomförd. Rapportören får ett mejl: ”Det här har hänt sedan du rapporterade”.", done.Message);
        Assert.Equal(2, app.WithDb(db => db.CaseImpacts.Count(i => i.CaseId == first.Id)));
        Assert.Equal(1, app.WithDb(db => db.CaseImpacts.Count(i => i.CaseId == second.Id)));
        Assert.Contains("En åtgärd har genomförts: Ny blankett för överlämning", app.WithDb(db => db.CaseImpacts.Where(i => i.CaseId == first.Id).OrderBy(i => i.Id).Select(i => i.Text).ToList()).Last());
        var followed = await WithAsync((c, _) => c.FollowUpAsync(kansli, onCase.Id!.Value, null, MeasureEffect.Delvis, "Färre tappade ärenden."));
        Assert.Equal(CommandStatus.Done, followed.Status);
        Assert.Equal(MeasureEffect.Delvis, app.WithDb(db => db.Measures.Single(m => m.Id == onCase.Id).Effect));
    }

    [Fact]
    public async Task The_joint_register_shows_systemfel_across_forbund_only_to_those_taking_part_with_small_counts_suppressed()
    {
        var ins = app.ForbundId("INS");
        var snb = app.ForbundId("SNB");
        var insCase = await app.FileCaseAsync(CaseState.UnderGranskning);
        var id = await IdentifyAsync(fromCase: insCase.Id);
        var snbCases = new List<CaseFactory.Filed>();
        for (var i = 0; i < 3; i++) snbCases.Add(await app.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: "rapportor@sodranorrbotten.example"));

        // Neither takes part: Södra Norrbotten sees nothing and cannot link.
        Assert.Empty(await WithAsync((_, q) => q.RegisterAsync(snb)));
        Assert.Null(await WithAsync((_, q) => q.DetailsAsync(id, snb)));
        await LinkAsync(SnbKansli, id, snbCases[0].Id, CommandStatus.Refused);

        // Only Södra Norrbotten takes part: still nothing of Insjöriket's.
        await ShareAsync(SnbKansli, "SNB", true);
        Assert.Empty(await WithAsync((_, q) => q.RegisterAsync(snb)));
        await LinkAsync(SnbKansli, id, snbCases[0].Id, CommandStatus.Refused);

        // Both: Södra Norrbotten reads it with the count suppressed, and links its own case; never Insjöriket's.
        await ShareAsync(InsKansli, "INS", true);
        var row = Assert.Single(await WithAsync((_, q) => q.RegisterAsync(snb)));
        Assert.Equal((id, (int?)null, (int?)null), (row.Id, row.OwnCases, row.OtherCases));
        Assert.Equal("färre än 3", SystemicQuery.Show(row.OtherCases));
        await LinkAsync(SnbKansli, id, snbCases[0].Id);
        await LinkAsync(SnbKansli, id, insCase.Id, CommandStatus.NotFound);

        var owner = await WithAsync((_, q) => q.DetailsAsync(id, ins));
        Assert.Equal((1, (int?)null), (owner!.OwnCount, owner.OtherCount));
        Assert.Equal([insCase.Reference], owner.ReaderCases.Select(c => c.Reference));
        await LinkAsync(SnbKansli, id, snbCases[1].Id);
        await LinkAsync(SnbKansli, id, snbCases[2].Id);
        owner = await WithAsync((_, q) => q.DetailsAsync(id, ins));
        Assert.Equal((1, (int?)3), (owner!.OwnCount, owner.OtherCount));
        Assert.DoesNotContain(owner.ReaderCases, c => snbCases.Any(s => s.Id == c.CaseId));
        var reader = await WithAsync((_, q) => q.DetailsAsync(id, snb));
        Assert.Equal(snbCases.Select(c => c.Reference).Order(), reader!.ReaderCases.Select(c => c.Reference).Order());
        Assert.Null(reader.OwnCount);
        Assert.Equal(4, (await WithAsync((_, q) => q.RegisterAsync(snb)))[0].OtherCases);

        // Insjöriket leaves: at once Södra Norrbotten sees nothing, and Insjöriket's view drops the other förbund's links.
        await ShareAsync(InsKansli, "INS", false);
        Assert.Empty(await WithAsync((_, q) => q.RegisterAsync(snb)));
        Assert.Null(await WithAsync((_, q) => q.DetailsAsync(id, snb)));
        owner = await WithAsync((_, q) => q.DetailsAsync(id, ins));
        Assert.Equal((1, (int?)0), (owner!.OwnCount, owner.OtherCount));
        Assert.Equal(1, (await WithAsync((_, q) => q.OwnAsync(ins))).Single().OwnCases);
    }
}
