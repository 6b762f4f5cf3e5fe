using System.Globalization;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Retention;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Gallring;

/// <summary>
/// "Gallringsregler": how long one förbund keeps cases, drafts, the access log and sent mail, as its
/// informationshanteringsplan says. Shows the defaults until the kansli saves its own.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class RulesModel(LexHellerDb db, RetentionSchedule schedule, RetentionCommands commands) : PageModel
{
    public sealed class InputModel
    {
        public string? ConcludedYears { get; set; }
        public string? ClosedYears { get; set; }
        public string? DraftDays { get; set; }
        public string? AccessLogYears { get; set; }
        public string? OutboxDays { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public ForbundScope Scope { get; private set; } = null!;

    /// <summary>True while the förbund has never saved rules of its own.</summary>
    public bool IsDefault { get; private set; }

    public RetentionPeriods Defaults => RetentionPeriods.Defaults;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        var p = await schedule.PeriodsAsync(Scope.Id, HttpContext.RequestAborted);
        Input = new InputModel
        {
            ConcludedYears = Text(p.ConcludedYears), ClosedYears = Text(p.ClosedYears), DraftDays = Text(p.DraftDays),
            AccessLogYears = Text(p.AccessLogYears), OutboxDays = Text(p.OutboxDays),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        ModelState.Clear();
        var periods = new RetentionPeriods(Whole(Input.ConcludedYears), Whole(Input.ClosedYears), Whole(Input.DraftDays),
            Whole(Input.AccessLogYears), Whole(Input.OutboxDays));
        var result = await commands.SaveRulesAsync(HttpContext.Member()!.UserId, Scope.Id, periods, HttpContext.RequestAborted);
        if (result.Status != CommandStatus.Done)
        {
            ModelState.AddRefusal(nameof(Input), result);
            return Page();
        }
        TempData["Status"] = result.Message;
        return Redirect("/gallring/regler" + Scope.Query);
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>What cannot be read as a whole number is out of range, so the command names the field.</summary>
    private static int Whole(string? text) =>
        int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private async Task<bool> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return false;
        Scope = scope;
        IsDefault = !await db.RetentionRules.AnyAsync(r => r.ForbundId == scope.Id, HttpContext.RequestAborted);
        return true;
    }
}
