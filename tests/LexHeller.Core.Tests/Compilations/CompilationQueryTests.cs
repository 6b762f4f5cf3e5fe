using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Tests.Compilations;

/// <summary>
/// Every figure of a compilation, computed by SQL, against an independent computation here: LINQ over the same
/// rows read back from the database, with periods decided by each instant's Stockholm date.
/// </summary>
public sealed class CompilationQueryTests(GeneratedCases data) : IClassFixture<GeneratedCases>
{
    public static TheoryData<string> Periods => ["tertial", "summer-time", "year", "month"];

    private static Period PeriodFor(string name) => name switch
    {
        "tertial" => Period.Tertial(2026, 2),
        "summer-time" => new Period(PeriodKind.Custom, new DateOnly(2026, 3, 15), new DateOnly(2026, 4, 30)),
        "year" => Period.Year(2025),
        _ => Period.Month(2026, 10),
    };

    private sealed record Rows(List<Case> Cases, List<CaseParty> Parties, List<CaseEvent> Events, List<CaseReferral> Referrals,
        List<RuleConflict> Conflicts, Dictionary<int, string> Categories, Dictionary<int, string> Organisations);

    private async Task<Rows> ReadAsync()
    {
        await using var db = data.Db();
        return new Rows(await db.Cases.AsNoTracking().ToListAsync(), await db.CaseParties.AsNoTracking().ToListAsync(),
            await db.CaseEvents.AsNoTracking().ToListAsync(), await db.CaseReferrals.AsNoTracking().ToListAsync(),
            await db.RuleConflicts.AsNoTracking().ToListAsync(),
            await db.Categories.ToDictionaryAsync(c => c.Id, c => c.Name), await db.Organisations.ToDictionaryAsync(o => o.Id, o => o.Name));
    }

    private static bool In(Period p, DateTimeOffset? at) => at is { } a && Stockholm.Today(a) >= p.From && Stockholm.Today(a) <= p.To;

    private static Dictionary<string, int> Counted(IEnumerable<string> labels) => labels.GroupBy(l => l).ToDictionary(g => g.Key, g => g.Count());

    private static Dictionary<string, int> AsMap(IEnumerable<Count> counts) => counts.ToDictionary(c => c.Label, c => c.N);

    /// <summary>Nearest rank: the ⌈p·n⌉-th smallest.</summary>
    private static double? Rank(IReadOnlyList<double> sorted, double p) => sorted.Count == 0 ? null : sorted[(int)Math.Ceiling(p * sorted.Count) - 1];

    [Theory]
    [MemberData(nameof(Periods))]
    public async Task Every_figure_matches_an_independent_computation(string periodName)
    {
        var period = PeriodFor(periodName);
        var rows = await ReadAsync();
        await using var db = data.Db();
        var result = await new CompilationQuery(db).ComputeAsync([data.Ins], period, CompilationFilter.None, includeCases: true);

        var scope = rows.Cases.Where(c => c.ForbundId == data.Ins && c.SubmittedAt is not null).ToList();
        var filed = scope.Where(c => In(period, c.SubmittedAt)).ToList();
        var filedIds = filed.Select(c => c.Id).ToHashSet();
        var concluded = scope.Where(c => In(period, c.ConcludedAt) && c.Outcome is not null).ToList();
        Assert.True(filed.Count > 5, $"the generated data should fill the period ({filed.Count})");

        Assert.Equal(filed.Count, result.Filed);
        Assert.Equal(concluded.Count, result.Concluded);
        Assert.Equal(Counted(filed.Select(c => c.Kind.DisplayName())), AsMap(result.ByKind));
        Assert.Equal(Counted(filed.Select(c => c.CategoryId is { } id ? rows.Categories[id] : "Ingen kategori")), AsMap(result.ByCategory));
        Assert.Equal(Counted(filed.Select(c => rows.Organisations[c.ReporterOrganisationId])), AsMap(result.ByReportingOrganisation));
        Assert.Equal(Counted(filed.Select(c => c.Gender?.DisplayName() ?? "Ej angivet")), AsMap(result.ByGender));
        Assert.Equal(Counted(filed.Select(c => c.AgeBand?.DisplayName() ?? "Ej angivet")), AsMap(result.ByAgeBand));
        Assert.Equal(Counted(concluded.Select(c => c.Outcome!.Value.DisplayName())), AsMap(result.Outcomes));
        Assert.Equal(Counted(rows.Parties.Where(p => filedIds.Contains(p.CaseId))
                .Select(p => (p.CaseId, Name: p.OrganisationId is { } o ? rows.Organisations[o] : "Annan aktör")).Distinct().Select(x => x.Name)),
            AsMap(result.ByParty));

        // Per month: each month of the period, by Stockholm date.
        var months = result.PerMonth.ToDictionary(m => m.Label, m => m.N);
        Assert.Equal(filed.Count, months.Values.Sum());
        foreach (var (month, n) in months)
            Assert.Equal(filed.Count(c => Stockholm.Today(c.SubmittedAt!.Value).ToString("yyyy-MM") == month), n);

        // State at the period's end: each filed case's last event before the first instant after the period.
        var end = Stockholm.ToUtc(period.To.AddDays(1), TimeOnly.MinValue);
        var stateAtEnd = filed.Select(c => rows.Events.Where(e => e.CaseId == c.Id && e.At < end).OrderBy(e => e.At).ThenBy(e => e.Id).Last().ToState.DisplayName());
        Assert.Equal(Counted(stateAtEnd), AsMap(result.StateAtEnd));

        // Lead times, filed to concluded, in days.
        var leads = concluded.Select(c => (c.ConcludedAt!.Value - c.SubmittedAt!.Value).TotalDays).Order().ToList();
        Assert.Equal(leads.Count, result.FiledToConcluded.N);
        AssertClose(Rank(leads, 0.5), result.FiledToConcluded.MedianDays);
        AssertClose(Rank(leads, 0.9), result.FiledToConcluded.P90Days);

        // Party answers given in the period: days from referral to answer, and on time by the due date in Stockholm.
        var answered = rows.Referrals.Where(r => r.AnsweredAt is not null && In(period, r.AnsweredAt) && scope.Any(c => c.Id == r.CaseId)).ToList();
        var byParty = answered.GroupBy(r => rows.Organisations[r.OrganisationId]).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(byParty.Select(g => g.Key), result.ReferredToAnswered.Select(p => p.Party).Order(StringComparer.Ordinal));
        foreach (var g in byParty)
        {
            var actual = result.ReferredToAnswered.Single(p => p.Party == g.Key);
            var days = g.Select(r => (r.AnsweredAt!.Value - r.ReferredAt).TotalDays).Order().ToList();
            Assert.Equal(days.Count, actual.Time.N);
            AssertClose(Rank(days, 0.5), actual.Time.MedianDays);
            AssertClose(Rank(days, 0.9), actual.Time.P90Days);
            Assert.Equal(g.Count(r => Stockholm.Today(r.AnsweredAt!.Value) <= r.DueDate), actual.OnTime);
        }

        // Comparisons.
        Assert.Equal(scope.Count(c => In(period.Previous, c.SubmittedAt)), result.FiledPrevious);
        Assert.Equal(scope.Count(c => In(period.YearEarlier, c.SubmittedAt)), result.FiledYearEarlier);
        Assert.Equal(scope.Count(c => In(period.Previous, c.ConcludedAt) && c.Outcome is not null), result.ConcludedPrevious);
        Assert.Equal(scope.Count(c => In(period.YearEarlier, c.ConcludedAt) && c.Outcome is not null), result.ConcludedYearEarlier);

        // The ten most frequent category × party pairs (cases naming the pair).
        var pairs = rows.Parties.Where(p => filedIds.Contains(p.CaseId))
            .Select(p => (p.CaseId, A: filed.Single(c => c.Id == p.CaseId).CategoryId is { } cat ? rows.Categories[cat] : "Ingen kategori",
                B: p.OrganisationId is { } o ? rows.Organisations[o] : "Annan aktör"))
            .Distinct().GroupBy(x => (x.A, x.B)).Select(g => new PairCount(g.Key.A, g.Key.B, g.Count()))
            .OrderByDescending(p => p.N).ThenBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal).Take(10).ToList();
        Assert.Equal(pairs, result.CategoryByParty);

        // Rule conflicts: unordered party pairs.
        string Name(int? id, string? name) => id is { } i ? rows.Organisations[i] : name ?? "Okänd part";
        var conflicts = rows.Conflicts.Where(r => filedIds.Contains(r.CaseId))
            .Select(r => (r.CaseId, X: Name(r.PartyAOrganisationId, r.PartyAName), Y: Name(r.PartyBOrganisationId, r.PartyBName)))
            .Select(r => (r.CaseId, A: string.CompareOrdinal(r.X, r.Y) <= 0 ? r.X : r.Y, B: string.CompareOrdinal(r.X, r.Y) <= 0 ? r.Y : r.X))
            .Distinct().GroupBy(r => (r.A, r.B)).Select(g => new PairCount(g.Key.A, g.Key.B, g.Count()))
            .OrderByDescending(p => p.N).ThenBy(p => p.A, StringComparer.Ordinal).ThenBy(p => p.B, StringComparer.Ordinal).ToList();
        Assert.Equal(conflicts, result.RuleConflicts);

        // The concluded cases with their answers, in order of conclusion.
        Assert.Equal(concluded.OrderBy(c => c.ConcludedAt).ThenBy(c => c.Id).Select(c => (c.Reference!, c.Answer, c.IsPublished)),
            result.Answers.Select(a => (a.Reference, a.Answer, a.Published)));
    }

    [Fact]
    public async Task Filters_narrow_every_figure_to_the_matching_cases()
    {
        var period = Period.Year(2025);
        var rows = await ReadAsync();
        var party = data.Organisations[1];
        var category = data.InsCategories[0];
        await using var db = data.Db();
        var result = await new CompilationQuery(db).ComputeAsync([data.Ins], period, new CompilationFilter(CaseKind.Avvikelse, category, party), includeCases: false);

        var expected = rows.Cases.Where(c => c.ForbundId == data.Ins && In(period, c.SubmittedAt) && c.Kind == CaseKind.Avvikelse && c.CategoryId == category
            && rows.Parties.Any(p => p.CaseId == c.Id && p.OrganisationId == party)).ToList();
        Assert.True(expected.Count > 0);
        Assert.Equal(expected.Count, result.Filed);
        Assert.Equal([new Count("Avvikelse", expected.Count)], result.ByKind);
        Assert.Empty(result.Answers);
    }

    [Fact]
    public async Task A_joint_compilation_counts_every_sharing_foerbund_together()
    {
        var period = Period.Tertial(2026, 2);
        var rows = await ReadAsync();
        await using var db = data.Db();
        var joint = await new CompilationQuery(db).ComputeAsync([data.Ins, data.Snb], period, CompilationFilter.None, includeCases: false);
        Assert.Equal(rows.Cases.Count(c => In(period, c.SubmittedAt)), joint.Filed);
        Assert.Equal(2, joint.Forbund.Count);
        Assert.Empty(joint.Answers);
    }

    private static void AssertClose(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e) Assert.Equal(e, actual!.Value, 6);
    }
}
