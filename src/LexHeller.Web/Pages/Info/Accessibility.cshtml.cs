using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Info;

[AllowAnonymous]
public class AccessibilityModel : PageModel
{
    public string Updated => "2026-11-24";

    public void OnGet() { }
}
