using System.Globalization;
using System.Net.Mail;
using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.Systemic;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Settings;

/// <summary>
/// "Inställningar": the settings of one förbund. Everything is checked before anything is saved, and each
/// setting that changed is audited on its own line.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class SettingsModel(LexHellerDb db, TimeProvider clock, SystemicCommands systemic,
    Microsoft.Extensions.Options.IOptions<LexHeller.Core.Time.PublicUrlOptions> publicUrl) : PageModel
{
    public sealed class InputModel
    {
        public string? AgendaCutoffDays { get; set; }
        public string? ResponseDays { get; set; }
        public string? SmallCountThreshold { get; set; }
        public bool SharesCompilations { get; set; }
        public string? KansliEmail { get; set; }
        public string? DigestTime { get; set; }
        public bool SharesSystemicProblems { get; set; }
        public bool PublishesOpenData { get; set; }
        public string? OpenDataLicenceId { get; set; }
    }

    /// <summary>The addresses of the förbund's open data, shown while it publishes them, and the code for its web site.</summary>
    public LexHeller.Web.Api.OpenDataEndpoints.Addresses? OpenData { get; private set; }
    public string? EmbedCode { get; private set; }

    [BindProperty(SupportsGet = true, Name = ForbundScope.QueryName)] public int? ForbundId { get; set; }
    [BindProperty] public InputModel Input { get; set; } = new();

    public ForbundScope Scope { get; private set; } = null!;

    /// <summary>Only the förbund's own kansli takes it into the joint register of systemfel or out of it.</summary>
    public bool MayShareSystemic { get; private set; }
    public bool SharesSystemicProblems { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        var f = await db.Forbund.AsNoTracking().SingleAsync(f => f.Id == Scope.Id);
        Input = new InputModel
        {
            AgendaCutoffDays = f.AgendaCutoffDays.ToString(CultureInfo.InvariantCulture),
            ResponseDays = f.ResponseDays.ToString(CultureInfo.InvariantCulture),
            SmallCountThreshold = f.SmallCountThreshold.ToString(CultureInfo.InvariantCulture),
            SharesCompilations = f.SharesCompilations,
            KansliEmail = f.KansliEmail,
            DigestTime = Time(f.DigestTime),
            SharesSystemicProblems = f.SharesSystemicProblems,
            PublishesOpenData = f.PublishesOpenData,
            OpenDataLicenceId = f.OpenDataLicenceId,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await ResolveAsync()) return NotFound();
        var cutoff = Whole("Input.AgendaCutoffDays", Input.AgendaCutoffDays, 1, 60, "Ange ett helt antal dagar mellan 1 och 60.");
        var response = Whole("Input.ResponseDays", Input.ResponseDays, 5, 120, "Ange ett helt antal dagar mellan 5 och 120.");
        var threshold = Whole("Input.SmallCountThreshold", Input.SmallCountThreshold, 2, 10, "Ange ett heltal mellan 2 och 10.");
        var email = Email(Input.KansliEmail);
        var digest = DigestTime(Input.DigestTime);
        var licence = OpenDataLicence.Find(Input.OpenDataLicenceId);
        if (licence is null) ModelState.AddModelError("Input.OpenDataLicenceId", "Välj en av licenserna i listan.");
        if (!ModelState.IsValid || cutoff is null || response is null || threshold is null || digest is null || licence is null)
            return Page();

        var member = HttpContext.Member()!;
        // One save: the settings and the register choice are kept together or not at all.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var changes = await new ForbundSettings(db, clock).SaveAsync(Scope.Id,
            new ForbundSettingValues(cutoff.Value, response.Value, threshold.Value, Input.SharesCompilations, email, digest.Value,
                Input.PublishesOpenData, licence.Id),
            member.UserId);
        // The joint register is the kansli's own choice, with its own audit entry; an administrator sees it but leaves it.
        var shared = MayShareSystemic && Input.SharesSystemicProblems != SharesSystemicProblems
            ? await systemic.ShareAsync(member.AsCaseUser(), Scope.Id, Input.SharesSystemicProblems, HttpContext.RequestAborted)
            : null;
        await transaction.CommitAsync();
        TempData["Status"] = (changes.Count, shared?.Message) switch
        {
            (0, { } registry) => registry,
            (0, null) => "Inga inställningar ändrades.",
            (1, var registry) => $"Inställningen {changes[0].ToLower(LexHeller.Core.Time.Stockholm.Culture)} sparades.{(registry is null ? "" : $" {registry}")}",
            (var n, var registry) => $"{n} inställningar sparades.{(registry is null ? "" : $" {registry}")}",
        };
        return Redirect("/installningar" + Scope.Query);
    }

    private int? Whole(string key, string? text, int min, int max, string message)
    {
        if (int.TryParse(text?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;
        ModelState.AddModelError(key, message);
        return null;
    }

    private string? Email(string? text)
    {
        var email = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (email is null) return null;
        // MailAddress alone accepts "Namn <a@b>" and a domain without a dot; neither reaches a mailbox.
        if (email.Length > 256 || !MailAddress.TryCreate(email, out var address) || address.Address != email
            || !address.Host.Contains('.') || address.Host.EndsWith('.'))
            ModelState.AddModelError("Input.KansliEmail", "Skriv en giltig e-postadress, t.ex. kansliet@forbund.se, eller lämna fältet tomt.");
        return email;
    }

    private TimeOnly? DigestTime(string? text)
    {
        if (TimeOnly.TryParseExact(text?.Trim(), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return time;
        ModelState.AddModelError("Input.DigestTime", "Ange ett klockslag som TT:MM, till exempel 07:30.");
        return null;
    }

    private static string Time(TimeOnly time) => ForbundSettings.Time(time);

    private async Task<bool> ResolveAsync()
    {
        var scope = await ForbundScope.ResolveAsync(HttpContext, db, ForbundId);
        if (scope is null) return false;
        Scope = scope;
        var member = HttpContext.Member()!;
        MayShareSystemic = member.Memberships.Any(m => m.ForbundId == scope.Id && m.Role == LexHeller.Core.Identity.MembershipRole.Kansli);
        var f = await db.Forbund.Where(f => f.Id == scope.Id).Select(f => new { f.SharesSystemicProblems, f.PublishesOpenData, f.Code }).SingleAsync();
        SharesSystemicProblems = f.SharesSystemicProblems;
        if (f.PublishesOpenData)
        {
            OpenData = LexHeller.Web.Api.OpenDataEndpoints.Addresses.Of(publicUrl.Value, f.Code);
            EmbedCode = $"<iframe src=\"{OpenData.Embed}\" title=\"Publicerade svar från {scope.Name}\" width=\"100%\" height=\"600\"></iframe>";
        }
        return true;
    }
}
