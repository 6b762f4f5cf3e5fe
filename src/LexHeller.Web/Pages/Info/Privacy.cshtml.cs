using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Info;

[AllowAnonymous]
public class PrivacyModel : PageModel
{
    public void OnGet() { }
}
