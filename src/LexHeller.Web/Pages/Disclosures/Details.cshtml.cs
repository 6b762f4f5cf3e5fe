using LexHeller.Core.AccessLog;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Disclosure;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Disclosures;

/// <summary>
/// One request for public documents: the kansli picks the cases it concerns, marks the secret passages of each with
/// the provision of OSL, sees each case as it will be released, and after the decision downloads the copy and the
/// letter that were sent. A request of a förbund the user may not work on is 404.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class DetailsModel(LexHellerDb db, DisclosureCommands commands, AccessLogWriter accessLog, TimeProvider clock) : PageModel
{
    public sealed class MaskInput
    {
        public int CaseId { get; set; }
        public string? Field { get; set; }
        public string? Passage { get; set; }
        public string? Provision { get; set; }
        public string? OtherProvision { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty] public string? Reference { get; set; }
    [BindProperty] public MaskInput Mask { get; set; } = new();

    public DisclosureRequest Item { get; private set; } = null!;
    public string ForbundName { get; private set; } = "";
    public string ListUrl { get; private set; } = "/utlamnanden";
    public IReadOnlyList<DisclosureCaseView> Cases { get; private set; } = [];
    public int Days { get; private set; }
    /// <summary>The case whose mask form was posted and refused: only that form shows the errors.</summary>
    public int? MaskErrorsFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAddCaseAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return await AfterAsync(id, await commands.AddCaseAsync(Item.ForbundId, id, Reference, HttpContext.RequestAborted), "");
    }

    public async Task<IActionResult> OnPostRemoveCaseAsync(int id, int caseId)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return await AfterAsync(id, await commands.RemoveCaseAsync(Item.ForbundId, id, caseId, HttpContext.RequestAborted), "");
    }

    public async Task<IActionResult> OnPostAddMaskAsync(int id)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        var result = await commands.AddMaskAsync(Item.ForbundId, id,
            new DisclosureMarking(Mask.CaseId, Mask.Field, Mask.Passage, Mask.Provision, Mask.OtherProvision, Mask.Reason), HttpContext.RequestAborted);
        if (result.Status == CommandStatus.Refused && result.FieldErrors.Count > 0) MaskErrorsFor = Mask.CaseId;
        return await AfterAsync(id, result, "Mask");
    }

    public async Task<IActionResult> OnPostRemoveMaskAsync(int id, int maskId)
    {
        if (!await LoadAsync(id)) return NotFound();
        ModelState.Clear();
        return await AfterAsync(id, await commands.RemoveMaskAsync(Item.ForbundId, id, maskId, HttpContext.RequestAborted), "");
    }

    /// <summary>The released copy, as it was sent.</summary>
    public Task<IActionResult> OnGetCopyAsync(int id) => DownloadAsync(id, copy: true);

    /// <summary>The decision letter, as it was sent.</summary>
    public Task<IActionResult> OnGetLetterAsync(int id) => DownloadAsync(id, copy: false);

    private async Task<IActionResult> DownloadAsync(int id, bool copy)
    {
        var found = await db.DisclosureRequests.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.ForbundId, File = copy ? r.ReleasedPdf : r.DecisionPdf }).FirstOrDefaultAsync();
        if (found?.File is null || !ForbundScope.MayAdminister(HttpContext.Member()!, found.ForbundId)) return NotFound();
        var name = $"utlamnande-{id}-{(copy ? "kopia" : "beslut")}.pdf";
        // The copy holds case text: its download is a read on record, written before the file leaves.
        await accessLog.RecordAsync(HttpContext.AccessReader(found.ForbundId), found.ForbundId, AccessKind.Export, null, name, HttpContext.RequestAborted);
        Response.Headers.CacheControl = "no-store";
        return File(found.File, "application/pdf", name);
    }

    private async Task<IActionResult> AfterAsync(int id, CommandResult result, string prefix)
    {
        switch (result.Status)
        {
            case CommandStatus.Done:
                TempData["Status"] = result.Message;
                return Redirect($"/utlamnanden/{id}");
            case CommandStatus.NotFound:
                return NotFound();
            case CommandStatus.Refused:
            case CommandStatus.Conflict:
                ModelState.AddRefusal(prefix, result);
                await LoadAsync(id);
                return Page();
        }
        return NotFound();
    }

    private async Task<bool> LoadAsync(int id)
    {
        var request = await db.DisclosureRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id);
        var member = HttpContext.Member()!;
        if (request is null || !ForbundScope.MayAdminister(member, request.ForbundId)) return false;
        Item = request;
        ForbundName = await db.Forbund.Where(f => f.Id == request.ForbundId).Select(f => f.Name).SingleAsync();
        ListUrl = "/utlamnanden" + (request.ForbundId == member.Current?.Id ? "" : $"?{ForbundScope.QueryName}={request.ForbundId}");
        var now = clock.GetUtcNow();
        Days = request.HandlingDays(Stockholm.Today(now));
        // A decided request shows what was sent, not the cases as they read today.
        if (!request.IsDecided)
            Cases = await DisclosureText.LoadAsync(db, request.ForbundId, request.Cases.Select(c => c.CaseId).ToList(), request.Masks, now, HttpContext.RequestAborted);
        return true;
    }

    public IEnumerable<DisclosureMask> MasksOf(int caseId) => Item.Masks.Where(m => m.CaseId == caseId).OrderBy(m => m.Id);

    public ErrorSummary MaskSummary(int caseId) => new(Order: ["Mask.Field", "Mask.Passage", "Mask.Provision", "Mask.OtherProvision", "Mask.Reason"],
        FieldIds: new Dictionary<string, string>
        {
            ["Mask.Field"] = $"mask-{caseId}-field",
            ["Mask.Passage"] = $"mask-{caseId}-passage",
            ["Mask.Provision"] = $"mask-{caseId}-provision",
            ["Mask.OtherProvision"] = $"mask-{caseId}-other",
            ["Mask.Reason"] = $"mask-{caseId}-reason",
        });

    /// <summary>A field's error, only on the form that was posted.</summary>
    public string MaskError(int caseId, string field) => MaskErrorsFor == caseId ? ModelState.For("Mask." + field) : "";

    /// <summary>What the form shows again after a refusal, only on the form that was posted.</summary>
    public string? Posted(int caseId, Func<MaskInput, string?> value) => MaskErrorsFor == caseId ? value(Mask) : null;
}
