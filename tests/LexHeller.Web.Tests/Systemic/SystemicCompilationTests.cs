using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using LexHeller.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LexHeller.Web.Tests.Systemic;

/// <summary>
/// The compilation's figures of change: systemfel by status at the period's end and by level, measures done and their
/// effect, and cases per systemfel, computed in the database for one förbund, with small counts suppressed for the BUG
/// and the board as every other table is.
/// </summary>
public class SystemicCompilationTests : IDisposable
{
    private readonly AppFactory app = new();

    public void Dispose() => app.Dispose();

    private async Task<T> CommandAsync<T>(Func<SystemicCommands, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SystemicCommands>());
    }

    [Fact]
    public async Task Systemfel_measures_and_linked_cases_are_counted_for_the_forbund_only()
    {
        var kansli = await app.CaseUserAsync("kansli@insjoriket.example");
        var snbKansli = await app.CaseUserAsync("kansli@sodranorrbotten.example");
        var ins = app.ForbundId("INS");
        var today = Stockholm.Today(app.Clock.GetUtcNow());
        SystemicInput Input(string title) => new(title, "Beskrivning.", null, null, [], null, null);

        var cases = new List<CaseFactory.Filed>();
        for (var i = 0; i < 4; i++) cases.Add(await app.FileCaseAsync(CaseState.UnderGranskning));
        var first = (await CommandAsync(c => c.IdentifyAsync(kansli, ins, Input("Intyg som ingen tar emot"), cases[0].Id))).Id!.Value;
        var second = (await CommandAsync(c => c.IdentifyAsync(kansli, ins, Input("Remisser som försvinner"), cases[1].Id))).Id!.Value;
        for (var i = 2; i < 4; i++) await CommandAsync(c => c.LinkCaseAsync(kansli, first, cases[i].Id));
        await CommandAsync(c => c.MoveAsync(kansli, first, null, SystemicStatus.Analyseras, null, null));
        await CommandAsync(c => c.EscalateAsync(kansli, second, null, EscalationLevel.Styrelsen, null, null));
        var snbCase = await app.FileCaseAsync(CaseState.UnderGranskning, reporterEmail: "rapportor@sodranorrbotten.example");
        await CommandAsync(c => c.IdentifyAsync(snbKansli, app.ForbundId("SNB"), Input("Norrbottens eget"), snbCase.Id));

        var measures = new List<int>();
        for (var i = 0; i < 3; i++)
            measures.Add((await CommandAsync(c => c.PlanMeasureAsync(kansli, ins, null, first, new MeasureInput($"Åtgärd {i}", null, today, today)))).Id!.Value);
        foreach (var id in measures) await CommandAsync(c => c.MarkDoneAsync(kansli, id, null, null, null));
        await CommandAsync(c => c.FollowUpAsync(kansli, measures[0], null, MeasureEffect.Ja, null));
        await CommandAsync(c => c.FollowUpAsync(kansli, measures[1], null, MeasureEffect.Ja, null));
        await CommandAsync(c => c.FollowUpAsync(kansli, measures[2], null, MeasureEffect.Nej, null));

        var period = new Period(PeriodKind.Custom, today.AddDays(-30), today);
        var data = await app.WithDbAsync(db => new CompilationQuery(db).ComputeAsync([ins], period, new CompilationFilter(), includeCases: false));

        Assert.Equal([new Count("Analyseras", 1), new Count("Identifierat", 1)], data.SystemicByStatus);
        Assert.Equal([new Count("Förbundet", 1), new Count("Styrelsen", 1)], data.SystemicByEscalation);
        Assert.Equal(3, data.MeasuresDone);
        Assert.Equal([new Count("Ja", 2), new Count("Nej", 1)], data.MeasureEffects);
        Assert.Equal([new Count("Intyg som ingen tar emot", 3), new Count("Remisser som försvinner", 1)], data.CasesPerSystemic);

        // The BUG and the board see the small counts as "<3", as in every other table.
        var shared = CompilationReport.For(data, period, app.Clock.GetUtcNow(), 3, Audience.Shared);
        string Shown(string table, string row) =>
            shared.Tables.Single(t => t.Key == table).Rows.Single(r => r.Label == row).Cells[0].Display(3);
        Assert.Equal("3", Shown("arenden-systemfel", "Intyg som ingen tar emot"));
        Assert.Equal("<3", Shown("arenden-systemfel", "Remisser som försvinner"));
        Assert.Equal("<3", Shown("atgard-effekt", "Ja"));
        Assert.Equal("3", Shown("atgarder", "Genomförda under perioden"));
        var kansliReport = CompilationReport.For(data, period, app.Clock.GetUtcNow(), 3, Audience.Kansli);
        Assert.Equal("2", kansliReport.Tables.Single(t => t.Key == "atgard-effekt").Rows.Single(r => r.Label == "Ja").Cells[0].Display(3));

        // A period that ended before any of it counts none of it.
        var before = new Period(PeriodKind.Custom, today.AddDays(-60), today.AddDays(-31));
        var empty = await app.WithDbAsync(db => new CompilationQuery(db).ComputeAsync([ins], before, new CompilationFilter(), includeCases: false));
        Assert.Equal((0, 0, 0, 0, 0), (empty.SystemicByStatus.Count, empty.SystemicByEscalation.Count, empty.MeasuresDone, empty.MeasureEffects.Count, empty.CasesPerSystemic.Count));
    }
}
