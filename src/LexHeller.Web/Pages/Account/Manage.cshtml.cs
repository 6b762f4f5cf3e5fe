using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Account;

public class ManageModel(UserManager<AppUser> users, SignInManager<AppUser> signIn, LexHellerDb db, ExternalLoginAdmin logins, TimeProvider clock) : PageModel
{
    public sealed record RoleRow(string Forbund, string Role, string Organisations);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Fyll i ditt nuvarande lösenord.")]
        [Display(Name = "Nuvarande lösenord")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Fyll i ett nytt lösenord.")]
        [StringLength(200, ErrorMessage = "Lösenordet får vara högst 200 tecken.")]
        [Display(Name = "Nytt lösenord")]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "Lösenorden är inte lika.")]
        [Display(Name = "Upprepa nytt lösenord")]
        public string ConfirmPassword { get; set; } = "";
    }

    [BindProperty] public InputModel Input { get; set; } = new();
    [BindProperty] public MailDelivery? Delivery { get; set; }
    public MailDelivery CurrentDelivery { get; private set; }
    /// <summary>Digest times of the user's förbund, as "Förbund kl. 07:00".</summary>
    public IReadOnlyList<string> DigestTimes { get; private set; } = [];
    public MemberContext Member { get; private set; } = null!;
    public IReadOnlyList<RoleRow> Roles { get; private set; } = [];
    public int RecoveryCodesLeft { get; private set; }

    /// <summary>How this session was begun, in words, as the log-in recorded it in the cookie.</summary>
    public string LoginMethod => User.FindFirst(LoginClaims.Method)?.Value is { Length: > 0 } method ? method : "Lösenord";

    /// <summary>The providers whose e-legitimation is linked to the account.</summary>
    public IReadOnlyList<string> LinkedProviders { get; private set; } = [];

    /// <summary>The person's own last log-ins, so that one they do not recognise stands out.</summary>
    public IReadOnlyList<SessionRow> RecentLogins { get; private set; } = [];

    public sealed record SessionRow(string When, string Method, string Status, bool Current);

    public const int RecentLoginCount = 10;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostNewRecoveryCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled) return RedirectToPage();
        var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, TwoFactorModel.RecoveryCodeCount) ?? [];
        var now = clock.GetUtcNow();
        db.Outbox.Add(new TwoFactorChangedMail(user.Email ?? "",
            $"Nya återställningskoder skapades för ditt konto {LexHeller.Core.Time.Stockholm.Format(now)}; de gamla gäller inte längre.").ToOutbox(now, user.Id));
        await db.SaveChangesAsync();
        TempData[RecoveryCodesModel.TempDataKey] = string.Join(' ', codes);
        return RedirectToPage("RecoveryCodes", new { returnUrl = "/konto" });
    }

    public async Task<IActionResult> OnPostMailDeliveryAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("Login");
        if (Delivery is not { } chosen || !Enum.IsDefined(chosen))
        {
            ModelState.AddModelError(nameof(Delivery), "Välj hur du vill få e-post.");
            await LoadAsync();
            return Page();
        }
        if (chosen != user.MailDelivery)
        {
            user.ChooseMailDelivery(chosen);
            await db.SaveChangesAsync();
        }
        TempData["Status"] = chosen == MailDelivery.DailyDigest
            ? "Du får nu en sammanfattning om dagen. Inbjudningar, lösenordsåterställning och ändringar av tvåfaktorsinloggningen kommer fortfarande direkt."
            : "Du får nu varje e-post direkt.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostChangePasswordAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null) return RedirectToPage("Login");
        if (ModelState.IsValid)
        {
            var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
            if (result.Succeeded)
            {
                await signIn.RefreshSignInAsync(user);
                TempData["Status"] = "Du har bytt lösenord.";
                return RedirectToPage();
            }
            foreach (var e in result.Errors)
                ModelState.AddModelError(e.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword", e.Description);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Member = HttpContext.Member()!;
        var ids = Member.Memberships.SelectMany(m => m.OrganisationIds).Distinct().ToList();
        var names = await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        Roles = Member.Memberships
            .Select(m => new RoleRow(m.ForbundName ?? "Hela systemet", m.Role.DisplayName(),
                m.OrganisationIds.Count == 0 ? "–" : string.Join(", ", m.OrganisationIds.Select(i => names.GetValueOrDefault(i, "?")))))
            .ToList();
        var user = await users.GetUserAsync(User);
        RecoveryCodesLeft = user is null ? 0 : await users.CountRecoveryCodesAsync(user);
        LinkedProviders = user is null ? [] : (await logins.LinkedAsync(user.Id, HttpContext.RequestAborted)).Select(l => l.ProviderName).Distinct().ToList();
        var current = User.FindFirst(LoginClaims.Session)?.Value;
        RecentLogins = (await db.LoginSessions.AsNoTracking().Where(s => s.UserId == Member.UserId)
                .OrderByDescending(s => s.StartedAt).Take(RecentLoginCount).ToListAsync())
            .Select(s => new SessionRow(LexHeller.Core.Time.Stockholm.Format(s.StartedAt), s.Method,
                s.Id == current ? "Den här inloggningen" : s.EndedAt is { } ended ? $"Avslutad {LexHeller.Core.Time.Stockholm.Format(ended)}" : "Inte utloggad",
                s.Id == current))
            .ToList();
        CurrentDelivery = user?.MailDelivery ?? MailDelivery.Immediate;
        var forbundIds = Member.Memberships.Where(m => m.ForbundId is not null).Select(m => m.ForbundId!.Value).Distinct().ToList();
        DigestTimes = (await db.Forbund.Where(f => forbundIds.Contains(f.Id)).OrderBy(f => f.Name).Select(f => new { f.Name, f.DigestTime }).ToListAsync())
            .Select(f => $"{f.Name} kl. {f.DigestTime:HH\\:mm}").ToList();
    }
}
