using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Cases;

/// <summary>
/// The case page for everyone who may open the case, each at the level their role allows: first what the case says,
/// then what the user may do, each choice a link to its own page (<see cref="ActModel"/>). The choices come from the
/// triggers the workflow permits this user. The reporter's identity is shown to the kansli and the reporter only.
/// </summary>
public class DetailsModel(CasePageQuery query, AccessLogWriter accessLog, TimeProvider clock) : PageModel
{
    public CasePageQuery.View View { get; private set; } = null!;
    public Case Case => View.Case;
    public bool IsReporter => Case.ReporterUserId == HttpContext.Member()!.UserId;
    public bool IsKansli => View.IsKansli;
    public bool IsBug => View.Actor.Actors.Contains(CaseActor.BugMember);
    public DateOnly Today => Stockholm.Today(clock.GetUtcNow());

    /// <summary>What the user may do now; the party's answer and the report form have pages of their own.</summary>
    public IReadOnlyList<CaseChoice> Choices { get; private set; } = [];

    /// <summary>The natural next step, shown as the one primary choice.</summary>
    public string? Primary { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var view = await query.LoadAsync(id, HttpContext.Member()!.AsCaseUser(), ct: HttpContext.RequestAborted);
        if (view is null) return NotFound();
        View = view;
        // Every opening of the case page is on record before it is shown; if the record cannot be written, neither is the page.
        await accessLog.RecordAsync(HttpContext.AccessReader(view.Case.ForbundId), view.Case.ForbundId, AccessKind.CasePage, id,
            view.Case.Reference ?? "Utkast", HttpContext.RequestAborted);
        Choices = CaseChoice.For(view);
        Primary = CaseChoice.Primary(Choices);
        return Page();
    }
}
