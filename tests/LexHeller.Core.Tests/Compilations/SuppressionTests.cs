using LexHeller.Core.Compilations;

namespace LexHeller.Core.Tests.Compilations;

/// <summary>Small counts: what the BUG, the board and other förbund see, against the exact figures the kansli sees.</summary>
public sealed class SuppressionTests(GeneratedCases data) : IClassFixture<GeneratedCases>
{
    private static readonly Period Tertial = Period.Tertial(2026, 2);

    private static CompilationData Small() => new()
    {
        Forbund = ["Samordningsförbundet Insjöriket"],
        Filed = 18,
        Concluded = 2,
        PerMonth = [new("2026-05", 18)],
        ByKind = [new("Avvikelse", 17), new("Remiss/överlämning", 1)],
        ByCategory = [new("Väntetid", 7), new("Oklart ansvar", 5), new("Boende", 4), new("Regler som krockar", 2)],
        ByParty = [new("Försäkringskassan", 9), new("Mölndals stad", 1)],
        ByReportingOrganisation = [new("Arbetsförmedlingen", 18)],
        ByGender = [new("Kvinna", 9), new("Man", 9)],
        ByAgeBand = [new("20–29", 18)],
        StateAtEnd = [new("Avslutad", 2), new("Inkommen", 16)],
        Outcomes = [new("Löst lokalt", 2)],
        FiledToConcluded = new LeadTime(2, 10.5, 30.25),
        ReferredToAnswered = [new PartyLeadTime("Försäkringskassan", new LeadTime(2, 3, 4), 1), new PartyLeadTime("Mölndals stad", new LeadTime(6, 5, 9), 6)],
        FiledPrevious = 1,
        FiledYearEarlier = 0,
        ConcludedPrevious = 3,
        ConcludedYearEarlier = 4,
        CategoryByParty = [new PairCount("Väntetid", "Försäkringskassan", 2)],
        RuleConflicts = [new PairCount("Försäkringskassan", "Mölndals stad", 1)],
        Answers =
        [
            new AnswerRow(1, "LH-INS-2026-0001", "Väntetid", "Löst lokalt", "S", "Publicerat svar", DateTimeOffset.UnixEpoch, true),
            new AnswerRow(1, "LH-INS-2026-0002", "Boende", "Löst lokalt", "S", "Opublicerat svar", DateTimeOffset.UnixEpoch, false),
        ],
    };

    private static ReportTable Table(CompilationReport r, string key) => r.Tables.Single(t => t.Key == key);

    private static string Shown(CompilationReport r, string key, string label, int column = 0) =>
        Table(r, key).Rows.Single(x => x.Label == label).Cells[column].Display(r.Threshold);

    [Fact]
    public void The_kansli_sees_exact_figures_and_every_concluded_case()
    {
        var kansli = CompilationReport.For(Small(), Tertial, DateTimeOffset.UnixEpoch, 3, Audience.Kansli);
        Assert.Equal("2", Shown(kansli, "kategori", "Regler som krockar"));
        Assert.Equal("1", Shown(kansli, "arendetyp", "Remiss/överlämning"));
        Assert.Equal("10,5", Shown(kansli, "ledtid", "Avslutade under perioden", 1));
        Assert.Equal(2, kansli.Answers.Count);
    }

    [Fact]
    public void Others_see_small_counts_as_below_the_threshold_with_a_complementary_cell_so_no_count_can_be_worked_back()
    {
        var shared = CompilationReport.For(Small(), Tertial, DateTimeOffset.UnixEpoch, 3, Audience.Shared);
        // Primary: 2 is below 3.
        Assert.Equal("<3", Shown(shared, "kategori", "Regler som krockar"));
        // Complementary: otherwise 18 − 7 − 5 − 4 would give it away, so the smallest other count goes too.
        Assert.Equal("..", Shown(shared, "kategori", "Boende"));
        Assert.Equal("7", Shown(shared, "kategori", "Väntetid"));
        Assert.Equal("18", Shown(shared, "kategori", CompilationReport.Total));
        // Two rows only: the one left would give the small one away, so it is hidden; the total stays.
        Assert.Equal("<3", Shown(shared, "arendetyp", "Remiss/överlämning"));
        Assert.Equal("..", Shown(shared, "arendetyp", "Avvikelse"));
        // Lead times are not shown for fewer than three cases; the party with six answers keeps its times.
        Assert.Equal("–", Shown(shared, "ledtid", "Avslutade under perioden", 1));
        Assert.Equal("–", Shown(shared, "svarstid", "Försäkringskassan", 1));
        Assert.Equal("5,0", Shown(shared, "svarstid", "Mölndals stad", 1));
        Assert.Equal("100 %", Shown(shared, "svarstid", "Mölndals stad", 3));
        // Comparison figures and pairs: primary rule.
        Assert.Equal("<3", Shown(shared, "jamforelse", "Inkomna ärenden", 1));
        Assert.Equal("0", Shown(shared, "jamforelse", "Inkomna ärenden", 2));
        Assert.Equal("<3", Shown(shared, "regelkrock", "Försäkringskassan × Mölndals stad"));
        // Only published answers, and none at all across förbund.
        Assert.Equal(["LH-INS-2026-0001"], shared.Answers.Select(a => a.Reference));
        Assert.Empty(CompilationReport.For(Small(), Tertial, DateTimeOffset.UnixEpoch, 3, Audience.Joint).Answers);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(10)]
    public async Task Over_generated_data_no_count_below_the_threshold_is_shown_and_no_table_has_a_lone_suppressed_cell(int threshold)
    {
        await using var db = data.Db();
        var computed = await new CompilationQuery(db).ComputeAsync([data.Ins], Tertial, CompilationFilter.None, includeCases: true);
        var kansli = CompilationReport.For(computed, Tertial, DateTimeOffset.UnixEpoch, threshold, Audience.Kansli);
        var shared = CompilationReport.For(computed, Tertial, DateTimeOffset.UnixEpoch, threshold, Audience.Shared);
        var suppressedSomewhere = false;

        foreach (var table in shared.Tables)
        {
            var exact = kansli.Tables.Single(t => t.Key == table.Key);
            for (var r = 0; r < table.Rows.Count; r++)
                for (var c = 0; c < table.Rows[r].Cells.Count; c++)
                {
                    var cell = table.Rows[r].Cells[c];
                    var value = exact.Rows[r].Cells[c];
                    if (cell.Kind != CellKind.Count) continue;
                    var n = (int)value.Value!.Value;
                    if (n > 0 && n < threshold) Assert.True(cell.Suppressed, $"{table.Title} / {table.Rows[r].Label}: {n} shown");
                    Assert.Equal(cell.Suppressed ? $"<{threshold}" : cell.Hidden ? Cell.HiddenText : value.Display(threshold), cell.Display(threshold));
                    suppressedSomewhere |= cell.Suppressed;
                }
            if (table.Rows.LastOrDefault()?.Label == CompilationReport.Total)
                Assert.NotEqual(1, table.Rows.SkipLast(1).Count(x => x.Cells[0].Withheld));
        }
        Assert.True(suppressedSomewhere, "the generated tertial should have some small counts");
        Assert.All(shared.Answers, a => Assert.True(a.Published));
    }
}
