using LexHeller.Core.Data;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Measures;

/// <summary>
/// The current förbund's measures for its kansli, filtered as the start page counts them (att göra, försenade, due
/// within the week, att följa upp, uppföljda) and sorted by due date or follow-up date.
/// </summary>
[Authorize(Policy = Policies.Kansli)]
public class IndexModel(LexHellerDb db, TimeProvider clock) : PageModel
{
    public sealed record Row(int Id, string Description, string Subject, int? CaseId, int? SystemicProblemId, string? Organisation,
        DateOnly DueDate, DateOnly FollowUpDate, bool Done, bool FollowedUp, MeasureEffect? Effect);

    /// <summary>The filters by their query value and Swedish name; the start page links to some of them.</summary>
    public static readonly IReadOnlyList<(string Value, string Name)> Filters =
    [
        ("alla", "Alla"), ("att-gora", "Att göra"), ("forsenade", "Försenade"), ("snart", "Ska vara genomförda inom 7 dagar"),
        ("folj-upp", "Att följa upp"), ("uppfoljda", "Uppföljda"),
    ];

    [BindProperty(SupportsGet = true)] public string? Filter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var forbundId = HttpContext.Member()!.Current!.Id;
        Today = Stockholm.Today(clock.GetUtcNow());
        var today = Today;
        var soon = today.AddDays(Core.Cases.WorkQueues.MeasureDueSoonDays);
        if (!Filters.Any(f => f.Value == Filter)) Filter = "alla";
        if (Sort is not ("uppfoljning")) Sort = "genomford";
        // The same conditions as the start page's counts.
        var measures = db.Measures.AsNoTracking().Where(m => m.ForbundId == forbundId);
        measures = Filter switch
        {
            "att-gora" => measures.Where(m => m.DoneAt == null),
            "forsenade" => measures.Where(m => m.DoneAt == null && m.DueDate < today),
            "snart" => measures.Where(m => m.DoneAt == null && m.DueDate >= today && m.DueDate <= soon),
            "folj-upp" => measures.Where(m => m.DoneAt != null && m.FollowedUpAt == null && m.FollowUpDate <= today),
            "uppfoljda" => measures.Where(m => m.FollowedUpAt != null),
            _ => measures,
        };
        measures = Sort == "uppfoljning" ? measures.OrderBy(m => m.FollowUpDate).ThenBy(m => m.Id) : measures.OrderBy(m => m.DueDate).ThenBy(m => m.Id);
        Rows = await measures.Take(500)
            .Select(m => new Row(m.Id, m.Description,
                db.Cases.Where(c => c.Id == m.CaseId).Select(c => c.Reference).FirstOrDefault()
                    ?? db.SystemicProblems.Where(p => p.Id == m.SystemicProblemId).Select(p => p.Title).FirstOrDefault() ?? "",
                m.CaseId, m.SystemicProblemId,
                db.Organisations.Where(o => o.Id == m.OrganisationId).Select(o => o.Name).FirstOrDefault(),
                m.DueDate, m.FollowUpDate, m.DoneAt != null, m.FollowedUpAt != null, m.Effect))
            .ToListAsync(HttpContext.RequestAborted);
    }

    public string Status(Row m) => m.Effect is { } e ? $"Uppföljd, effekt: {e.DisplayName().ToLower(Stockholm.Culture)}"
        : m.Done ? (m.FollowUpDate <= Today ? "Genomförd, dags att följa upp" : "Genomförd")
        : m.DueDate < Today ? "Försenad" : "Att göra";
}
