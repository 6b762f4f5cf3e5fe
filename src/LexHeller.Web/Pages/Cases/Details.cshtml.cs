using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Systemic;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Cases;

/// <summary>
/// The case page for everyone who may open the case, each at the level their role allows: first what the case says,
/// then what the user may do, each choice a link to its own page (<see cref="ActModel"/>). The choices come from the
/// triggers the workflow permits this user. The reporter's identity is shown to the kansli and the reporter only.
/// </summary>
public class DetailsModel(CasePageQuery query, AccessLogWriter accessLog, TimeProvider clock, IServiceProvider services) : PageModel
{
    /// <summary>For the kansli, on a submitted case not gallrad: similar and linked cases, systemfel, measures.</summary>
    public CaseSystemicView.Sections? Systemic { get; private set; }

    /// <summary>For the kansli and the BUG members, on a concluded case: the parties' approvals of the text to be published.</summary>
    public PublicationSignOff.State? SignOff { get; private set; }

    /// <summary>The parties this BUG member may still approve the text for.</summary>
    public IReadOnlyList<PublicationSignOff.Party> ToApprove =>
        SignOff is null || Case.IsPublished ? [] : SignOff.Waiting.Where(p => View.Actor.Organisations.Contains(p.OrganisationId)).ToList();

    /// <summary>For the reporter: what has happened since they reported, newest first.</summary>
    public IReadOnlyList<CaseImpact> Impacts { get; private set; } = [];

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

    public Task<IActionResult> OnGetAsync(int id) => ShowAsync(id);

    /// <summary>Links the case to a case of the förbund that the page suggested.</summary>
    public Task<IActionResult> OnPostLinkAsync(int id, int otherCaseId) =>
        RunAsync(id, "similar", c => c.LinkCasesAsync(HttpContext.Member()!.AsCaseUser(), id, otherCaseId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostUnlinkAsync(int id, int otherCaseId) =>
        RunAsync(id, "linked", c => c.UnlinkCasesAsync(HttpContext.Member()!.AsCaseUser(), id, otherCaseId, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostSystemfelAsync(int id, int? systemicProblemId) =>
        // None chosen is refused by the command, after it has checked who may link the case at all.
        RunAsync(id, "systemfel", c => c.LinkCaseAsync(HttpContext.Member()!.AsCaseUser(), systemicProblemId ?? 0, id, HttpContext.RequestAborted));

    public Task<IActionResult> OnPostUnlinkSystemfelAsync(int id, int systemicProblemId) =>
        RunAsync(id, "systemfel", c => c.UnlinkCaseAsync(HttpContext.Member()!.AsCaseUser(), systemicProblemId, id, HttpContext.RequestAborted));

    /// <summary>A BUG member approves the text to be published for a party they answer for.</summary>
    public async Task<IActionResult> OnPostApprovePublicationAsync(int id, int organisationId)
    {
        var result = await services.GetRequiredService<CaseCommands>()
            .ApprovePublicationAsync(HttpContext.Member()!.AsCaseUser(), id, organisationId, HttpContext.RequestAborted);
        if (result.Status == CommandStatus.NotFound) return NotFound();
        if (result.Status == CommandStatus.Done)
        {
            TempData["Status"] = result.Message;
            return Redirect($"/arenden/{id}#publicering");
        }
        ModelState.AddRefusal("", result);
        return await ShowAsync(id, record: false);
    }

    /// <summary>A change from the kansli's sections: done, back to the section; refused, the page again with the reason by its field.</summary>
    private async Task<IActionResult> RunAsync(int id, string section, Func<SystemicCommands, Task<CommandResult>> command)
    {
        var result = await command(services.GetRequiredService<SystemicCommands>());
        if (result.Status == CommandStatus.NotFound) return NotFound();
        if (result.Status == CommandStatus.Done)
        {
            TempData["Status"] = result.Message;
            return Redirect($"/arenden/{id}#{section}");
        }
        ModelState.AddRefusal("", result);
        // The page the refused form came from was opened, and recorded, a moment ago; showing it again with the reason
        // writes nothing, as every refused request writes nothing.
        return await ShowAsync(id, record: false);
    }

    private async Task<IActionResult> ShowAsync(int id, bool record = true)
    {
        var view = await query.LoadAsync(id, HttpContext.Member()!.AsCaseUser(), ct: HttpContext.RequestAborted);
        if (view is null) return NotFound();
        View = view;
        // Every opening of the case page is on record before it is shown; if the record cannot be written, neither is the page.
        if (record)
            await accessLog.RecordAsync(HttpContext.AccessReader(view.Case.ForbundId), view.Case.ForbundId, AccessKind.CasePage, id,
                view.Case.Reference ?? "Utkast", HttpContext.RequestAborted);
        var c = view.Case;
        if (view.IsKansli && !c.IsDraft && !c.IsGallrad)
            Systemic = await services.GetRequiredService<CaseSystemicView>().LoadAsync(c, HttpContext.RequestAborted);
        else if (IsReporter && !c.IsDraft && !c.IsGallrad)
            Impacts = await services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>().CaseImpacts.AsNoTracking()
                .Where(i => i.CaseId == id).OrderByDescending(i => i.At).ThenByDescending(i => i.Id).ToListAsync(HttpContext.RequestAborted);
        if (c.State == CaseState.Avslutad && (view.IsKansli || IsBug) && c.AnsweringPartyIds.Count > 0)
            SignOff = await PublicationSignOff.LoadAsync(services.GetRequiredService<LexHeller.Core.Data.LexHellerDb>(), id, Today, HttpContext.RequestAborted);
        Choices = CaseChoice.For(view);
        Primary = CaseChoice.Primary(Choices);
        return Page();
    }
}
