using System.Security.Cryptography;
using System.Text.Json;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Pages.Users;

/// <summary>
/// Invites many users from a CSV file: upload, a preview of every row with its problems, then one confirmation
/// that creates everything in one transaction or nothing. Between preview and confirmation the rows travel in
/// the form, protected (signed and encrypted) for this user, so no file is kept anywhere.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
[RequestSizeLimit(4_000_000)]
public class ImportModel(UserImporter importer, IDataProtectionProvider protection, IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed record PreviewRow(int Row, string Email, string FullName, string Role, string Organisations, string Action,
        IReadOnlyList<string> Problems, string? Note);

    public sealed class UploadInput
    {
        public int? ForbundId { get; set; }
        public IFormFile? File { get; set; }
    }

    public sealed class ConfirmInput
    {
        public string Rows { get; set; } = "";
    }

    private sealed record Carried(int ForbundId, IReadOnlyList<UserImportLine> Lines);

    [BindProperty] public UploadInput Upload { get; set; } = new();
    [BindProperty] public ConfirmInput Confirm { get; set; } = new();

    public bool IsAdministrator { get; private set; }
    public IReadOnlyList<UserImporter.Choice> ForbundChoices { get; private set; } = [];
    public int? ForbundId { get; private set; }
    public string ForbundName { get; private set; } = "";
    public IReadOnlyList<string> OrganisationNames { get; private set; } = [];

    /// <summary>The checked rows, once a file was read.</summary>
    public IReadOnlyList<PreviewRow>? Preview { get; private set; }
    public int RowsWithProblems => Preview?.Count(r => r.Problems.Count > 0) ?? 0;

    /// <summary>The rows to send back with the confirmation; only when no row has a problem.</summary>
    public string? CarriedRows { get; private set; }

    public async Task OnGetAsync(int? forbundId) => await LoadAsync(forbundId);

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (!await LoadAsync(Upload.ForbundId, posted: true)) return Page();
        var file = Upload.File;
        if (file is null)
        {
            ModelState.AddModelError("Upload.File", "Välj en CSV-fil att ladda upp.");
            return Page();
        }
        if (file.Length > UserImport.MaxBytes)
        {
            ModelState.AddModelError("Upload.File", UserImport.TooLarge);
            return Page();
        }
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, HttpContext.RequestAborted);
        var read = UserImport.Read(buffer.ToArray());
        if (read.Error is { } error)
        {
            ModelState.AddModelError("Upload.File", error);
            return Page();
        }

        var rows = await importer.CheckAsync(read.Lines, ForbundId!.Value, Importer());
        Show(rows);
        if (rows.All(r => r.IsValid))
            CarriedRows = Protector().Protect(JsonSerializer.Serialize(new Carried(ForbundId.Value, read.Lines)));
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        Carried? carried;
        try
        {
            carried = JsonSerializer.Deserialize<Carried>(Protector().Unprotect(Confirm.Rows));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or ArgumentException)
        {
            carried = null;
        }
        if (carried is null || carried.Lines.Count == 0)
        {
            await LoadAsync(null);
            ModelState.AddModelError(string.Empty, "Förhandsgranskningen gick inte att läsa. Ladda upp filen igen.");
            return Page();
        }
        Upload.ForbundId = carried.ForbundId;
        if (!await LoadAsync(carried.ForbundId, posted: true)) return Page();
        var outcome = await importer.ImportAsync(carried.Lines, ForbundId!.Value, ForbundName, Importer(), publicUrl.Value.Absolute);
        if (outcome.Error is { } error)
        {
            Show(outcome.Rows);
            ModelState.AddModelError(string.Empty, error);
            return Page();
        }
        TempData["Status"] = string.Join(" ", new[]
        {
            outcome.Invited.Count switch { 0 => null, 1 => "1 användare är inbjuden.", var n => $"{n} användare är inbjudna." },
            outcome.Granted.Count switch { 0 => null, 1 => "1 befintlig användare har fått en ny roll.", var n => $"{n} befintliga användare har fått en ny roll." },
        }.OfType<string>());
        return Redirect("/anvandare?sort=skapad");
    }

    private void Show(IReadOnlyList<UserImportRow> rows) =>
        Preview = rows.Select(r => new PreviewRow(r.Line.Row, r.Line.Email, r.Line.FullName,
                r.Role is { } role ? role.DisplayName() : r.Line.Role,
                r.OrganisationNames.Count > 0 ? string.Join(", ", r.OrganisationNames) : r.Line.Organisations.Replace("|", ", "),
                !r.IsValid ? "Kan inte importeras"
                : r.Existing is { MustAccept: false } e ? $"Finns redan som {e.FullName} – får rollen, ingen inbjudan"
                : "Bjuds in",
                r.Problems, r.Note))
            .ToList();

    private IDataProtector Protector() =>
        protection.CreateProtector("LexHeller.Users.Import", HttpContext.Member()!.UserId);

    /// <summary>
    /// Picks the förbund: a kansli always its current one, an administrator the one chosen. False (with the reason in
    /// ModelState) when the form names a förbund the user may not import into.
    /// </summary>
    private async Task<bool> LoadAsync(int? forbundId, bool posted = false)
    {
        var member = HttpContext.Member()!;
        IsAdministrator = member.IsAdministrator;
        ForbundChoices = await importer.ForbundChoicesAsync(Importer());
        if (IsAdministrator)
        {
            ForbundId = ForbundChoices.Any(f => f.Id == forbundId) ? forbundId : member.Current?.Id ?? ForbundChoices.FirstOrDefault()?.Id;
            if (posted && forbundId is not null && ForbundId != forbundId)
                ModelState.AddModelError("Upload.ForbundId", "Välj ett förbund.");
        }
        else
        {
            ForbundId = member.Current!.Id;
            if (posted && forbundId is not null && forbundId != member.Current.Id)
                ModelState.AddModelError(string.Empty, "Du kan bara importera användare till förbund där du själv är kansli.");
        }
        if (ForbundId is null)
        {
            ModelState.AddModelError(string.Empty, "Det finns inget förbund att importera användare till.");
            return false;
        }
        Upload.ForbundId = ForbundId;
        ForbundName = ForbundChoices.First(f => f.Id == ForbundId).Name;
        OrganisationNames = await importer.OrganisationNamesAsync(ForbundId.Value);
        return ModelState.IsValid;
    }

    private UserImporter.Importer Importer()
    {
        var member = HttpContext.Member()!;
        return new(member.UserId, member.IsAdministrator, member.Current?.Id, member.Current?.Name);
    }
}
