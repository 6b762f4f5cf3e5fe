using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Account;

public class RecoveryCodesModel : PageModel
{
    public const string TempDataKey = "RecoveryCodes";

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public IReadOnlyList<string> Codes { get; private set; } = [];
    public string ContinueUrl => Links.LocalOr(ReturnUrl);

    public void OnGet() =>
        Codes = (TempData[TempDataKey] as string)?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
}
