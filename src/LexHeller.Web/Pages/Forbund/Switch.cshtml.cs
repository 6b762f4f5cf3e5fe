using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Forbund;

/// <summary>Sets the förbund the user works in; only one where they hold an active role.</summary>
public class SwitchModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public IActionResult OnPost(int forbundId)
    {
        var member = HttpContext.Member()!;
        var target = member.Forbund.FirstOrDefault(f => f.Id == forbundId);
        if (target is null)
        {
            TempData["Status"] = "Du har ingen roll i det förbundet.";
            return Redirect("/");
        }
        Response.Cookies.Append(MemberContextMiddleware.ForbundCookie, target.Id.ToString(), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
        });
        TempData["Status"] = $"Du arbetar nu i {target.Name}.";
        return Redirect("/");
    }
}
