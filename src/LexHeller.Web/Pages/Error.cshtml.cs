using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "";
    public string Text { get; private set; } = "";

    // No handler: the page describes any failed request, whatever its method (a refused TRACE is re-executed here as TRACE).
    [NonHandler]
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
        Describe(int.TryParse(Convert.ToString(RouteData.Values["code"], CultureInfo.InvariantCulture), out var code) ? code : null);

    private void Describe(int? code)
    {
        (Heading, Text) = code switch
        {
            404 => ("Sidan finns inte", "Adressen kan vara felskriven, eller så finns sidan inte längre. Det kan också vara ett ärende du inte har behörighet att se."),
            403 => ("Du har inte behörighet till sidan", "Din roll i det förbund du arbetar i ger inte tillgång till sidan."),
            405 => ("Sidan kan inte nås på det sättet", "Sidan öppnas med en länk eller skickas med ett formulär. Gå tillbaka och försök igen därifrån."),
            400 => ("Formuläret kunde inte tas emot", "Sidan kan ha varit öppen länge. Gå tillbaka, ladda om sidan och försök igen. Inget har ändrats."),
            429 => ("För många försök", "Det har gjorts för många misslyckade försök att logga in eller återställa ett lösenord från din anslutning, så av säkerhetsskäl får du vänta en stund. "
                + $"Försök igen om {Wait()}. Har du glömt ditt lösenord kan du sedan välja ett nytt via Glömt lösenord?. Kommer du ändå inte in, kontakta förbundets kansli."),
            _ => ("Något gick fel", "Ett oväntat fel inträffade och inget har sparats. Försök igen om en stund; kvarstår felet, kontakta förbundets kansli."),
        };
        if (code is >= 400 and < 600 && Response.StatusCode == 200) Response.StatusCode = code.Value;
        // Without a code the page is the exception handler's; opened directly, there was no error to report.
        else if (code is null && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is null)
            (Heading, Text, Response.StatusCode) = ("Sidan finns inte", "Adressen kan vara felskriven, eller så finns sidan inte längre.", 404);
        else if (code is null && Response.StatusCode == 200) Response.StatusCode = 500;
    }

    /// <summary>The wait the rate limiter gave in its Retry-After header, in words.</summary>
    private string Wait() =>
        int.TryParse(Response.Headers.RetryAfter.ToString(), out var seconds) && seconds is > 0 and < 60 ? $"{seconds} sekunder" : "en minut";
}
