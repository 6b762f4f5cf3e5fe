using System.Globalization;
using LexHeller.Core.Time;

namespace LexHeller.Core.Compilations;

/// <summary>Who a report is shown to, which decides what of the exact figures they see.</summary>
public enum Audience
{
    /// <summary>The förbund's own kansli: exact figures and every concluded case.</summary>
    Kansli,
    /// <summary>The förbund's BUG and board: small counts suppressed, only published answers.</summary>
    Shared,
    /// <summary>Anyone reading a joint compilation across förbund: small counts suppressed, no case at all.</summary>
    Joint,
}

public enum CellKind { Count, Days, Percent }

/// <summary>
/// One figure. A small count shows as "&lt;T"; a count hidden so that a small one cannot be worked out from the
/// total shows as ".."; a missing value (too few cases for a lead time) as "–".
/// </summary>
public sealed record Cell(CellKind Kind, double? Value, bool Suppressed = false, bool Hidden = false)
{
    public const string HiddenText = "..";

    public static Cell Of(int n) => new(CellKind.Count, n);

    /// <summary>Whether the reader does not see the exact value.</summary>
    public bool Withheld => Suppressed || Hidden;

    public string Display(int threshold) =>
        Suppressed ? $"<{threshold}"
        : Hidden ? HiddenText
        : Value is not { } v ? "–"
        : Kind switch
        {
            CellKind.Count => ((int)v).ToString("N0", Stockholm.Culture),
            CellKind.Days => v.ToString("0.0", Stockholm.Culture),
            CellKind.Percent => $"{v.ToString("0", Stockholm.Culture)} %",
        };
}

public sealed record ReportRow(string Label, IReadOnlyList<Cell> Cells);

/// <summary>
/// A table of the report. <see cref="Chart"/> names the chart drawn from its first column, if any
/// ("bar" or "column"); every chart has this table beside it as its text alternative.
/// </summary>
public sealed record ReportTable(string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<ReportRow> Rows, string? Note = null, string? Chart = null);

/// <summary>
/// What one audience sees of a compilation. Small counts are suppressed by one rule, applied to every table that
/// reaches someone other than the kansli:
/// <list type="number">
/// <item>Primary: a count from 1 to T−1 is shown as "&lt;T".</item>
/// <item>Complementary: in a table whose rows divide one total (each case in exactly one row, with a total row),
/// if exactly one count is suppressed, the smallest other non-zero count is hidden as well (shown as ".."), so no
/// suppressed count can be worked out as the total minus the rest. The total itself is suppressed only when it
/// is below T.</item>
/// <item>Lead times, medians and percentiles are not shown for fewer than T cases.</item>
/// </list>
/// Tables where a case can be in several rows (parties, pairs) have no total row and get the primary rule.
/// </summary>
public sealed record CompilationReport(
    string Title,
    Period Period,
    IReadOnlyList<string> Forbund,
    DateTimeOffset ComputedAt,
    int Threshold,
    Audience Audience,
    IReadOnlyList<(string Label, Cell Value)> Headlines,
    IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<AnswerRow> Answers)
{
    public const string Total = "Totalt";

    public static CompilationReport For(CompilationData data, Period period, DateTimeOffset computedAt, int threshold, Audience audience, string? title = null)
    {
        var suppress = audience != Audience.Kansli;
        var t = threshold;
        bool Small(int n) => suppress && n > 0 && n < t;
        Cell Count(int n) => new(CellKind.Count, n, Small(n));
        Cell Days(LeadTime lt, double? v) => new(CellKind.Days, suppress && lt.N < t ? null : v is { } d ? Math.Round(d, 1) : null);

        ReportTable Partition(string key, string title, string column, IReadOnlyList<Count> counts, int total, string? chart = null, string? note = null)
        {
            var cells = counts.Select(c => Count(c.N)).ToList();
            if (suppress && cells.Count(c => c.Suppressed) == 1)
            {
                var next = cells.Select((c, i) => (c, i)).Where(x => !x.c.Suppressed && x.c.Value > 0)
                    .OrderBy(x => x.c.Value).ThenByDescending(x => x.i).Select(x => (int?)x.i).FirstOrDefault();
                if (next is { } i) cells[i] = cells[i] with { Hidden = true };
            }
            var rows = counts.Select((c, i) => new ReportRow(c.Label, [cells[i]])).ToList();
            rows.Add(new ReportRow(Total, [Count(total)]));
            return new ReportTable(key, title, [column], rows, note, chart);
        }

        ReportTable Overlapping(string key, string title, string column, IReadOnlyList<Count> counts, string note, string? chart = null) =>
            new(key, title, [column], counts.Select(c => new ReportRow(c.Label, [Count(c.N)])).ToList(), note, chart);

        var tables = new List<ReportTable>
        {
            Partition("per-manad", "Inkomna ärenden per månad", "Ärenden", data.PerMonth.Select(m => m with { Label = MonthLabel(m.Label) }).ToList(), data.Filed, chart: "column"),
            Partition("arendetyp", "Inkomna ärenden efter typ", "Ärenden", data.ByKind, data.Filed),
            Partition("kategori", "Inkomna ärenden efter kategori", "Ärenden", data.ByCategory, data.Filed, chart: "bar"),
            Overlapping("part", "Berörda parter", "Ärenden", data.ByParty, "Ett ärende kan beröra flera parter; raderna summerar därför inte till antalet ärenden.", chart: "bar"),
            Partition("rapporterande", "Rapporterande organisation", "Ärenden", data.ByReportingOrganisation, data.Filed),
            Partition("kon", "Kön", "Ärenden", data.ByGender, data.Filed),
            Partition("alder", "Åldersgrupp", "Ärenden", data.ByAgeBand, data.Filed),
            Partition("status", "Läge vid periodens slut (ärenden inkomna under perioden)", "Ärenden", data.StateAtEnd, data.Filed),
            Partition("utfall", "Utfall för ärenden avslutade under perioden", "Ärenden", data.Outcomes, data.Concluded),
            new("ledtid", "Ledtid från inkommet till avslutat (dagar)", ["Ärenden", "Median", "90:e percentilen"],
                [new ReportRow("Avslutade under perioden", [Count(data.FiledToConcluded.N), Days(data.FiledToConcluded, data.FiledToConcluded.MedianDays), Days(data.FiledToConcluded, data.FiledToConcluded.P90Days)])],
                suppress ? $"Ledtider visas inte för färre än {t} ärenden." : null, "bar"),
            new("svarstid", "Parternas svarstid från remiss till svar (dagar)", ["Svar", "Median", "90:e percentilen", "Svar i tid"],
                data.ReferredToAnswered.Select(p => new ReportRow(p.Party,
                [
                    Count(p.Time.N), Days(p.Time, p.Time.MedianDays), Days(p.Time, p.Time.P90Days),
                    new Cell(CellKind.Percent, suppress && p.Time.N < t ? null : p.Time.N == 0 ? null : Math.Round(100.0 * p.OnTime / p.Time.N)),
                ])).ToList(),
                "Svar lämnade under perioden. I tid: senast på svarsdagen (svensk tid)." + (suppress ? $" Tider visas inte för färre än {t} svar." : "")),
            new("jamforelse", "Jämförelse med tidigare perioder", ["Perioden", "Föregående period", "Samma period året innan"],
            [
                new ReportRow("Inkomna ärenden", [Count(data.Filed), Count(data.FiledPrevious), Count(data.FiledYearEarlier)]),
                new ReportRow("Avslutade ärenden", [Count(data.Concluded), Count(data.ConcludedPrevious), Count(data.ConcludedYearEarlier)]),
            ], $"Föregående period: {period.Previous.Label}. Året innan: {period.YearEarlier.Label}."),
            new("kategori-part", "Vanligaste kombinationerna av kategori och part", ["Ärenden"],
                data.CategoryByParty.Select(p => new ReportRow($"{p.A} × {p.B}", [Count(p.N)])).ToList(), "De tio vanligaste."),
            new("regelkrock", "Regelkrockar mellan parter", ["Ärenden"],
                data.RuleConflicts.Select(p => new ReportRow($"{p.A} × {p.B}", [Count(p.N)])).ToList(), "Par av parter som angetts i ärenden med regelkrock."),
            Partition("systemfel-status", "Systemfel efter status vid periodens slut", "Systemfel", data.SystemicByStatus, data.SystemicByStatus.Sum(c => c.N),
                note: "Förbundets egna systemfel. Filter på ärendetyp, kategori och part gäller inte systemfel."),
            Partition("systemfel-niva", "Systemfel efter eskaleringsnivå", "Systemfel", data.SystemicByEscalation, data.SystemicByEscalation.Sum(c => c.N),
                note: "Nivån när sammanställningen gjordes, för systemfel identifierade till och med periodens slut."),
            Overlapping("arenden-systemfel", "Ärenden per systemfel", "Ärenden", data.CasesPerSystemic,
                "Ärenden inkomna under perioden som kopplats till systemfelet. Ett ärende kan vara kopplat till flera systemfel."),
            new("atgarder", "Åtgärder", ["Åtgärder"], [new ReportRow("Genomförda under perioden", [Count(data.MeasuresDone)])],
                "Åtgärder på förbundets ärenden och systemfel."),
            Partition("atgard-effekt", "Effekt av åtgärder som följts upp under perioden", "Åtgärder", data.MeasureEffects, data.MeasureEffects.Sum(c => c.N)),
        };

        var ontimeTotal = data.ReferredToAnswered.Sum(p => p.Time.N);
        var headlines = new List<(string, Cell)>
        {
            ("Inkomna ärenden", Count(data.Filed)),
            ("Avslutade ärenden", Count(data.Concluded)),
            ("Median ledtid (dagar)", Days(data.FiledToConcluded, data.FiledToConcluded.MedianDays)),
            ("Partssvar i tid", new Cell(CellKind.Percent, ontimeTotal == 0 || (suppress && ontimeTotal < t) ? null : Math.Round(100.0 * data.ReferredToAnswered.Sum(p => p.OnTime) / ontimeTotal))),
        };

        var answers = audience switch
        {
            Audience.Kansli => data.Answers,
            Audience.Shared => data.Answers.Where(a => a.Published).ToList(),
            Audience.Joint => [],
        };
        var heading = title ?? $"Sammanställning {period.Label} – {string.Join(", ", data.Forbund)}";
        return new CompilationReport(heading, period, data.Forbund, computedAt, threshold, audience, headlines, tables, answers);
    }

    private static string MonthLabel(string yyyyMm) =>
        DateOnly.ParseExact(yyyyMm + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMMM yyyy", Stockholm.Culture);
}
