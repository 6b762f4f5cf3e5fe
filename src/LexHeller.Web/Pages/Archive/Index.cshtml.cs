using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace LexHeller.Web.Pages.Archive;

/// <summary>
/// "Arkiv och loggar": where the kansli and the administrator find what the förbund owes as a public body — who read
/// what, the review of that log, gallring, archive packages and public-access requests (and, for the administrator,
/// backups). One menu item for all of them; gallring, archive packages, the log review and public-access
/// requests join it as they are built.
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
        };
        if (HttpContext.Member()?.IsAdministrator == true)
            entries.Add(new("Säkerhetskopior", "/sakerhetskopior", "Ta en säkerhetskopia av databasen och se de som finns."));
        Entries = entries;
    }
}
