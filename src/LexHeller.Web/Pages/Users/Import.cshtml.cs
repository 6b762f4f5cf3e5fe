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
    public IReadOnlyList<UserImportRow>? Preview { get; private set; }
    public int RowsWithProblems => Preview?.Count(r => r.Problems.Count > 0) ?? 0;

    /// <summary>The rows to send back with the confirmation; only when no row has a problem.</summary>
    public string? CarriedRows { get; private set; }

    private KansliOrAdmin Who => HttpContext.Member()!.AsKansliOrAdmin();

    public async Task OnGetAsync(int? forbundId) => await LoadAsync(forbundId);

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        if (!await LoadAsync(Upload.ForbundId, posted: true)) return Page();
        if (Upload.File is not { } file)
        {
            ModelState.AddModelError("Upload.File", "Välj en CSV-fil att ladda upp.");
            return Page();
        }
        await using var content = file.OpenReadStream();
        var preview = await importer.PreviewAsync(Who, ForbundId!.Value, content, HttpContext.RequestAborted);
        if (preview.FileError is { } error) ModelState.AddModelError("Upload.File", error);
        else Preview = preview.Rows;
        if (preview.MayConfirm)
            CarriedRows = Protector().Protect(JsonSerializer.Serialize(new Carried(ForbundId.Value, preview.Rows.Select(r => r.Line).ToList())));
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        if (Carry() is not { Lines.Count: > 0 } carried)
        {
            await LoadAsync(null);
            ModelState.AddModelError(string.Empty, "Förhandsgranskningen gick inte att läsa. Ladda upp filen igen.");
            return Page();
        }
        Upload.ForbundId = carried.ForbundId;
        if (!await LoadAsync(carried.ForbundId, posted: true)) return Page();
        var outcome = await importer.ImportAsync(Who, carried.ForbundId, carried.Lines, publicUrl.Value.Absolute, HttpContext.RequestAborted);
        if (outcome.Error is { } error)
        {
            Preview = outcome.Rows;
            ModelState.AddModelError(string.Empty, error);
            return Page();
        }
        TempData["Status"] = outcome.Message;
        return Redirect("/anvandare?sort=skapad");
    }

    /// <summary>The rows the preview sent along with the confirmation; null unless this user's preview made them, unchanged.</summary>
    private Carried? Carry()
    {
        try
        {
            return JsonSerializer.Deserialize<Carried>(Protector().Unprotect(Confirm.Rows));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or ArgumentException)
        {
            return null;
        }
    }

    private IDataProtector Protector() =>
        protection.CreateProtector("LexHeller.Users.Import", HttpContext.Member()!.UserId);

    /// <summary>
    /// Picks the förbund: a kansli always its current one, an administrator the one chosen. False (with the reason in
    /// ModelState) when the form names a förbund the user may not import into.
    /// </summary>
    private async Task<bool> LoadAsync(int? forbundId, bool posted = false)
    {
        var form = await importer.FormAsync(Who, forbundId, posted, HttpContext.RequestAborted);
        (IsAdministrator, ForbundChoices, ForbundId) = (Who.IsAdministrator, form.ForbundChoices, form.ForbundId);
        ModelState.AddErrors("Upload", form.Refusals);
        if (form.ForbundId is null) return false;
        (Upload.ForbundId, ForbundName, OrganisationNames) = (form.ForbundId, form.ForbundName, form.OrganisationNames);
        return ModelState.IsValid;
    }
}
