using System.ComponentModel.DataAnnotations;
using LexHeller.Core.Data;
using LexHeller.Core.Organisations;
using LexHeller.Core.PersonalData;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Forbund;

/// <summary>What "Nytt förbund" and a förbund's own page share: the fields, the register to choose members from, the checks.</summary>
public abstract class ForbundFormModel(LexHellerDb db) : PageModel
{
    protected LexHellerDb Db { get; } = db;

    public sealed record Choice(int Id, string Name);

    public sealed record KindGroup(string Title, string Key, IReadOnlyList<Choice> Organisations);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Fyll i förbundets namn.")]
        [StringLength(200, ErrorMessage = "Namnet får vara högst {1} tecken.")]
        [Display(Name = "Namn")]
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Fyll i en kod, t.ex. INS.")]
        [Display(Name = "Kod")]
        public string Code { get; set; } = "";

        public List<int> OrganisationIds { get; set; } = [];

        /// <summary>Whether the förbund's people may log in with a password; only a förbund's own page offers it.</summary>
        [Display(Name = "Tillåt inloggning med lösenord")]
        public bool PasswordLoginAllowed { get; set; } = true;

        /// <summary>Set by the confirmation's button: the administrator read what turning passwords off means.</summary>
        public bool ConfirmPasswordOff { get; set; }
    }

    [BindProperty] public InputModel Input { get; set; } = new();

    /// <summary>The organisation register, grouped the way a förbund is made up.</summary>
    public IReadOnlyList<KindGroup> Register { get; private set; } = [];

    /// <summary>Set when cases already carry the code in their reference numbers.</summary>
    public bool CodeLocked { get; protected set; }

    public const string CodeLockedMessage = "Koden kan inte ändras när förbundet har ärenden (referensnummer bygger på den).";

    protected async Task LoadRegisterAsync()
    {
        var sv = Stockholm.Comparer;
        var all = await Db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name, o.Kind }).ToListAsync();
        KindGroup Group(string title, string key, params OrganisationKind[] kinds) =>
            new(title, key, all.Where(o => kinds.Contains(o.Kind)).OrderBy(o => o.Name, sv).Select(o => new Choice(o.Id, o.Name)).ToList());
        Register = new[]
        {
            Group("Försäkringskassan och Arbetsförmedlingen", "stat", OrganisationKind.Forsakringskassan, OrganisationKind.Arbetsformedlingen),
            Group("Kommuner", "kommun", OrganisationKind.Kommun),
            Group("Regioner", "region", OrganisationKind.Region),
            Group("Andra aktörer", "annan", OrganisationKind.OtherActor),
        }.Where(g => g.Organisations.Count > 0).ToList();
    }

    /// <summary>Trims the fields and names what is wrong next to each; <paramref name="forbundId"/> is the förbund being edited.</summary>
    protected async Task ValidateAsync(int? forbundId)
    {
        Input.Name = string.Join(' ', (Input.Name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Input.Code = (Input.Code ?? "").Trim().ToUpperInvariant();
        Input.OrganisationIds = Input.OrganisationIds.Distinct().ToList();

        foreach (var hit in PersonalDataGuard.Scan(Input.Name))
            ModelState.AddModelError("Input.Name", hit.Message);
        var others = await Db.Forbund.AsNoTracking().Where(f => f.Id != forbundId).Select(f => new { f.Name, f.Code }).ToListAsync();
        if (Input.Name.Length > 0 && others.FirstOrDefault(f => string.Equals(f.Name, Input.Name, StringComparison.OrdinalIgnoreCase)) is { } sameName)
            ModelState.AddModelError("Input.Name", $"Det finns redan ett förbund som heter {sameName.Name}.");

        if (Input.Code.Length > 0)
        {
            if (!LexHeller.Core.Organisations.Forbund.IsValidCode(Input.Code))
                ModelState.AddModelError("Input.Code", "Koden ska vara 2–6 bokstäver A–Z (utan å, ä och ö), t.ex. INS. Den ingår i ärendenas referensnummer.");
            else if (others.FirstOrDefault(f => f.Code == Input.Code) is { } sameCode)
                ModelState.AddModelError("Input.Code", $"Koden {Input.Code} används redan av {sameCode.Name}.");
        }

        var known = Register.SelectMany(g => g.Organisations).Select(o => o.Id).ToHashSet();
        if (Input.OrganisationIds.Any(id => !known.Contains(id)))
            ModelState.AddModelError("Input.OrganisationIds", "Välj medlemmar bland organisationerna i registret.");
    }

    /// <summary>Audit texts are at most 2,000 characters; a long member list is cut, not refused.</summary>
    protected static string Clip(string text, int max = 2000) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public string NameOf(int organisationId) =>
        Register.SelectMany(g => g.Organisations).FirstOrDefault(o => o.Id == organisationId)?.Name ?? organisationId.ToString();
}
