using System.Globalization;
using LexHeller.Core.AccessLog;
using LexHeller.Core.Data;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.AccessLog;

/// <summary>
/// The loggkontroll's limits for one förbund: how many different cases within how many minutes, and the office
/// hours. Everything is checked before anything is saved; each limit that changed is audited on its own line.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class ReviewSettingsModel(LexHellerDb db, AccessReviewCommands commands) : PageModel
{
    public const string Path = ReviewModel.Path + "/installningar";

    public sealed class InputModel
    {
        public string? ManyCases { get; set; }
        public string? WindowMinutes { get; set; }
        public string? OfficeStart { get; set; }
        public string? OfficeEnd { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public ForbundScope Scope { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        var s = await AccessLogReview.SettingsAsync(db, Scope.Id, HttpContext.RequestAborted);
        Input = new InputModel
        {
            ManyCases = s.ManyCases.ToString(CultureInfo.InvariantCulture),
            WindowMinutes = s.WindowMinutes.ToString(CultureInfo.InvariantCulture),
            OfficeStart = AccessReviewCommands.Time(s.OfficeStart),
            OfficeEnd = AccessReviewCommands.Time(s.OfficeEnd),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        ModelState.Clear();
        var many = Whole("Input.ManyCases", Input.ManyCases, 2, 1000, "Ange ett helt antal ärenden mellan 2 och 1 000.");
        var window = Whole("Input.WindowMinutes", Input.WindowMinutes, 1, 1440, "Ange ett helt antal minuter mellan 1 och 1 440.");
        var start = Time("Input.OfficeStart", Input.OfficeStart);
        var end = Time("Input.OfficeEnd", Input.OfficeEnd);
        if (start is { } s && end is { } e && e <= s)
            ModelState.AddModelError("Input.OfficeEnd", "Kontorstiden måste sluta senare än den börjar.");
        if (!ModelState.IsValid || many is null || window is null || start is null || end is null) return Page();

        var changes = await commands.SaveSettingsAsync(Scope.Id, new AccessReviewValues(many.Value, window.Value, start.Value, end.Value),
            HttpContext.Member()!.UserId, HttpContext.RequestAborted);
        TempData["Status"] = changes.Count switch
        {
            0 => "Inga gränser ändrades.",
            1 => "En gräns för loggkontrollen sparades.",
            var n => $"{n} gränser för loggkontrollen sparades.",
        };
        return Redirect(Path + Scope.Query);
    }

    private int? Whole(string key, string? text, int min, int max, string message)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        ModelState.AddModelError(key, message);
        return null;
    }

    private TimeOnly? Time(string key, string? text)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        ModelState.AddModelError(key, "Ange ett klockslag som TT:MM, till exempel 07:00.");
        return null;
    }

    private async Task<bool> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return false;
        Scope = scope;
        return true;
    }
}
