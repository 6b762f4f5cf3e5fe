using LexHeller.Core.Meetings;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using LexHeller.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.TestClock;

/// <summary>
/// For testers only: moves the app's clock forward and runs the background sweeps now. Absent (404) unless the
/// app runs in Development or under the test host and has an adjustable clock; there, the administrator's only,
/// since moving the clock changes every deadline of every förbund.
/// </summary>
public class IndexModel(IHostEnvironment env, TimeProvider clock, Microsoft.Extensions.Options.IOptions<PublicUrlOptions> publicUrl, IServiceProvider services) : PageModel
{
    public DateTimeOffset Now => clock.GetUtcNow();

    private IAdvanceableClock? Control =>
        ClockSetup.ClockControlAllowed(env) ? services.GetService<IAdvanceableClock>() : null;

    public IActionResult OnGet() => Control is null ? NotFound() : HttpContext.Member()?.IsAdministrator != true ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync(int days, int hours, bool runJobs)
    {
        if (Control is not { } control) return NotFound();
        if (HttpContext.Member()?.IsAdministrator != true) return Forbid();
        // A value that could not be read binds as 0: it must stop the move, not become one.
        if (!ModelState.IsValid || days is < 0 or > 400 || hours is < 0 or > 48)
        {
            ModelState.AddModelError(string.Empty, "Ange 0–400 dagar och 0–48 timmar.");
            return Page();
        }
        control.Advance(TimeSpan.FromDays(days) + TimeSpan.FromHours(hours));
        var note = "";
        if (runJobs)
        {
            var sweep = services.GetRequiredService<Agendas>();
            var dispatched = await sweep.CloseDueAgendasAsync(publicUrl.Value.Base);
            var measures = await services.GetRequiredService<LexHeller.Core.Systemic.MeasureReminderSweep>().RunAsync(publicUrl.Value.Base);
            note = $" Bakgrundsjobben kördes: {dispatched} dagordningar skickades, {measures.Overdue + measures.FollowUps} påminnelser om åtgärder.";
        }
        TempData["Status"] = $"Klockan är nu {LexHeller.Core.Time.Stockholm.Format(clock.GetUtcNow())}.{note}";
        return Redirect("/test/klocka");
    }
}
