using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Archive;

/// <summary>
/// "Arkiv och loggar": where the kansli and the administrator find what the förbund owes as a public body — who read
/// what, the review of that log, gallring, archive packages and public-access requests (and, for the administrator,
/// backups). One menu item for all of them.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
public class ArchiveHubModel : PageModel
{
    public sealed record Entry(string Title, string Path, string Description);

    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public void OnGet()
    {
        var entries = new List<Entry>
        {
            new("Behandlingshistorik", "/behandlingshistorik",
                "Vem som har läst vilka ärenden, när och från vilken sida. Filtrera och ladda ner loggen."),
            new("Loggkontroll", "/behandlingshistorik/kontroll",
                "Läsningar som varje vecka flaggas som ovanliga: många ärenden på kort tid, utanför kontorstid eller andra parters ärenden."),
            new("Gallring", "/gallring",
                "Ärenden som gallras den kommande månaden enligt informationshanteringsplanen, ärenden som hålls kvar och förbundets gallringsregler."),
            new("Arkivpaket", "/arkivpaket",
                "Ta fram ett arkivpaket (E-ARK) med förbundets ärenden, protokoll och sammanställningar för en period."),
            new("Utlämnanden", "/utlamnanden",
                "Registrera en begäran om allmän handling, sekretesspröva ärendena och besluta om utlämnande."),
        };
        if (HttpContext.Member()?.IsAdministrator == true)
            entries.Add(new("Säkerhetskopior", "/sakerhetskopior", "Ta en säkerhetskopia av databasen och se de som finns."));
        Entries = entries;
    }
}
