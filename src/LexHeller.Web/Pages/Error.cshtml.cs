using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Text { get; private set; } = "";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        (Heading, Text) = code switch
        {
            404 => ("Sidan finns inte", "Adressen kan vara felskriven, eller så finns sidan inte längre. Det kan också vara ett ärende du inte har behörighet att se."),
            403 => ("Du har inte behörighet till sidan", "Din roll i det förbund du arbetar i ger inte tillgång till sidan."),
            400 => ("Formuläret kunde inte tas emot", "Sidan kan ha varit öppen länge. Gå tillbaka, ladda om sidan och försök igen. Inget har ändrats."),
            _ => ("Något gick fel", "Ett oväntat fel inträffade och inget har sparats. Försök igen om en stund; kvarstår felet, kontakta förbundets kansli."),
        };
        if (code is >= 400 and < 600 && Response.StatusCode == 200) Response.StatusCode = code.Value;
        // Without a code the page is the exception handler's; opened directly, there was no error to report.
        else if (code is null && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
            (Heading, Text, Response.StatusCode) = ("Sidan finns inte", "Adressen kan vara felskriven, eller så finns sidan inte längre.", 404);
        else if (code is null && Response.StatusCode == 200) Response.StatusCode = 500;
    }
}
