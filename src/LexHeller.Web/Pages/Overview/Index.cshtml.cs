using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using LexHeller.Web.Pages.Compilations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Overview;

/// <summary>
/// "Översikt": the current tertial so far for the kansli and the board of the current förbund, computed live:
/// headline figures and charts of cases per month, by category, by party and lead times. The board sees small
/// counts suppressed, as in every compilation shared beyond the kansli. Below them the förbund's systemfel by status,
/// with how far each has been escalated.
/// </summary>
public class IndexModel(LexHellerDb db, TimeProvider clock, SystemicQuery systemic) : PageModel
{
    public string ForbundName { get; private set; } = "";
    public Period Period { get; private set; } = null!;
    public DateTimeOffset Now { get; private set; }
    public CompilationReport Report { get; private set; } = null!;
    public IReadOnlyList<TableView> Tables { get; private set; } = [];
    /// <summary>The förbund's systemfel, grouped by status in the order of their lifecycle.</summary>
    public IReadOnlyList<IGrouping<SystemicStatus, SystemicQuery.Row>> Systemic { get; private set; } = [];
    public bool IsKansli { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var member = HttpContext.Member()!;
        if (member.Current is not { } current || !member.HasAny(MembershipRole.Kansli, MembershipRole.Styrelse)) return Forbid();
        ForbundName = current.Name;
        Now = clock.GetUtcNow();
        var today = Stockholm.Today(Now);
        Period = Period.TertialOf(today) with { To = today };

        var threshold = await db.Forbund.Where(f => f.Id == current.Id).Select(f => f.SmallCountThreshold).SingleAsync();
        var data = await new CompilationQuery(db).ComputeAsync([current.Id], Period, CompilationFilter.None, includeCases: false, HttpContext.RequestAborted);
        var audience = member.Has(MembershipRole.Kansli) ? Audience.Kansli : Audience.Shared;
        Report = CompilationReport.For(data, Period, Now, threshold, audience);
        IsKansli = audience == Audience.Kansli;
        Systemic = (await systemic.OwnAsync(current.Id, null, HttpContext.RequestAborted))
            .OrderBy(r => r.Status).ThenByDescending(r => r.Escalation).ThenBy(r => r.Title, StringComparer.Create(Stockholm.Culture, true))
            .GroupBy(r => r.Status).ToList();

        var tables = Report.Tables.ToDictionary(t => t.Key);
        TableView With(string key, string kind, string caption, IReadOnlyList<Chart.Point>? points = null)
        {
            var table = tables[key];
            var chart = table.Rows.Count == 0 ? null : new ChartView(kind, $"Diagram: {caption}. Siffrorna finns i tabellform under diagrammet.", points ?? Chart.SeriesOf(table));
            return new TableView(key, table, threshold, chart, TableInDetails: true);
        }
        Tables =
        [
            With("per-manad", Chart.Column, "inkomna ärenden per månad"),
            With("kategori", Chart.Bar, "inkomna ärenden efter kategori"),
            With("part", Chart.Bar, "berörda parter"),
            With("ledtid", Chart.Bar, "ledtid från inkommet till avslutat, i dagar"),
            With("svarstid", Chart.Bar, "parternas svarstid från remiss till svar, median i dagar", Chart.ColumnOf(tables["svarstid"], 1)),
        ];
        return Page();
    }
}
