using System.Security.Cryptography;
using System.Text.Json;
using LexHeller.Core.Data;
using LexHeller.Core.Identity;
using LexHeller.Core.Time;
using LexHeller.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LexHeller.Web.Pages.Users;

/// <summary>
/// Invites many users from a CSV file: upload, a preview of every row with its problems, then one confirmation
/// that creates everything in one transaction or nothing. Between preview and confirmation the rows travel in
/// the form, protected (signed and encrypted) for this user, so no file is kept anywhere.
/// </summary>
[Authorize(Policy = Policies.KansliOrAdmin)]
[RequestSizeLimit(4_000_000)]
public class ImportModel(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock, IDataProtectionProvider protection,
    IOptions<PublicUrlOptions> publicUrl) : PageModel
{
    public sealed record Choice(int Id, string Name);

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
    public IReadOnlyList<Choice> ForbundChoices { get; private set; } = [];
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

        var rows = await CheckAsync(read.Lines, ForbundId!.Value);
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
        var forbundId = ForbundId!.Value;

        await using var tx = await db.Database.BeginTransactionAsync();
        // Checked again inside the transaction: someone may have invited one of these people since the preview.
        var rows = await CheckAsync(carried.Lines, forbundId);
        if (rows.Any(r => !r.IsValid))
        {
            Show(rows);
            ModelState.AddModelError(string.Empty, "Ingen användare har skapats: något har ändrats sedan förhandsgranskningen. Rätta filen och ladda upp den igen.");
            return Page();
        }

        var now = clock.GetUtcNow();
        var actor = HttpContext.Member()!.UserId;
        var admin = new MembershipAdmin(db, clock);
        var invited = new List<string>();
        var granted = new List<string>();
        foreach (var row in rows)
        {
            var email = row.Line.Email;
            var role = row.Role!.Value;
            var after = Describe(role, row.OrganisationNames);
            if (row.Existing is { MustAccept: true } outsider)
            {
                var account = await db.Users.SingleAsync(u => u.Id == outsider.Id);
                MembershipOffers.Add(db, account, email, forbundId, ForbundName, role, row.OrganisationIds, after, actor,
                    publicUrl.Value.Absolute, now);
                invited.Add(email);
                continue;
            }
            if (row.Existing is { } existing)
            {
                var user = await db.Users.Include(u => u.Memberships).SingleAsync(u => u.Id == existing.Id);
                admin.Grant(user, email, forbundId, role, row.OrganisationIds, after, actor);
                granted.Add(email);
                continue;
            }
            var created = new AppUser(email, row.Line.FullName, now);
            var result = await users.CreateAsync(created);
            if (!result.Succeeded)
            {
                // The transaction is never committed, so the users created before this row are gone too.
                Show(rows);
                ModelState.AddModelError(string.Empty,
                    $"Ingen användare har skapats: rad {row.Line.Row} ({email}) gick inte att spara. {string.Join(" ", result.Errors.Select(e => e.Description))}");
                return Page();
            }
            created.AddMembership(forbundId, role, row.OrganisationIds, now);
            admin.Invite(created, email, forbundId, ForbundName, role, after, actor, publicUrl.Value.Absolute);
            invited.Add(email);
        }
        admin.RecordImport(forbundId, ForbundName, invited, granted, actor);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            Show(rows);
            ModelState.AddModelError(string.Empty, "Ingen användare har skapats: något ändrades samtidigt. Ladda upp filen igen.");
            return Page();
        }
        await tx.CommitAsync();

        TempData["Status"] = string.Join(" ", new[]
        {
            invited.Count switch { 0 => null, 1 => "1 användare är inbjuden.", var n => $"{n} användare är inbjudna." },
            granted.Count switch { 0 => null, 1 => "1 befintlig användare har fått en ny roll.", var n => $"{n} befintliga användare har fått en ny roll." },
        }.OfType<string>());
        return Redirect("/anvandare?sort=skapad");
    }

    /// <summary>Every line checked against the förbund, the importer's rights and the accounts that exist now.</summary>
    private async Task<IReadOnlyList<UserImportRow>> CheckAsync(IReadOnlyList<UserImportLine> lines, int forbundId)
    {
        var member = HttpContext.Member()!;
        var grantor = await db.Memberships.AsNoTracking().Where(m => m.UserId == member.UserId && m.IsActive).ToListAsync();
        var names = Stockholm.IgnoreCase;
        var memberOrganisations = (await db.ForbundMembers.Where(f => f.ForbundId == forbundId)
                .Select(f => new { f.OrganisationId, f.Organisation.Name }).ToListAsync())
            .ToDictionary(o => o.Name, o => o.OrganisationId, names);
        var registered = await db.Organisations.Select(o => o.Name).ToListAsync();

        var normalized = lines.Select(l => users.NormalizeEmail(l.Email)).Distinct().ToList();
        var existing = (await db.Users.Where(u => normalized.Contains(u.NormalizedEmail!))
                .Select(u => new
                {
                    u.Id, u.FullName, u.NormalizedEmail,
                    Roles = u.Memberships.Where(m => m.ForbundId == forbundId).Select(m => new { m.Role, m.IsActive }).ToList(),
                })
                .ToListAsync())
            .ToDictionary(u => u.NormalizedEmail!, u => u.Roles.Count == 0 && !member.IsAdministrator
                // Not in this förbund: a kansli may only invite the account, and sees nothing of it.
                ? new UserImportExisting(u.Id, "", new Dictionary<MembershipRole, bool>(), MustAccept: true)
                : new UserImportExisting(u.Id, u.FullName, u.Roles.ToDictionary(r => r.Role, r => r.IsActive)));

        var context = new UserImportContext(forbundId, grantor, memberOrganisations, registered,
            email => existing.GetValueOrDefault(users.NormalizeEmail(email)));
        var rows = UserImport.Check(lines, context).ToList();

        // What Identity itself would refuse (characters it does not allow in a user name, for one) is a problem of the row too.
        for (var i = 0; i < rows.Count; i++)
        {
            if (!rows[i].IsValid || rows[i].Existing is not null) continue;
            var candidate = new AppUser(rows[i].Line.Email, rows[i].Line.FullName, clock.GetUtcNow());
            var errors = new List<string>();
            foreach (var validator in users.UserValidators)
            {
                var result = await validator.ValidateAsync(users, candidate);
                errors.AddRange(result.Errors.Select(e => e.Description));
            }
            if (errors.Count > 0) rows[i] = rows[i] with { Problems = errors.Distinct().ToList() };
        }
        return rows;
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
        if (IsAdministrator)
        {
            ForbundChoices = await db.Forbund.OrderBy(f => f.Name).Select(f => new Choice(f.Id, f.Name)).ToListAsync();
            ForbundId = ForbundChoices.Any(f => f.Id == forbundId) ? forbundId : member.Current?.Id ?? ForbundChoices.FirstOrDefault()?.Id;
            if (posted && forbundId is not null && ForbundId != forbundId)
                ModelState.AddModelError("Upload.ForbundId", "Välj ett förbund.");
        }
        else
        {
            ForbundChoices = [new Choice(member.Current!.Id, member.Current.Name)];
            ForbundId = member.Current.Id;
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
        OrganisationNames = (await db.ForbundMembers.Where(f => f.ForbundId == ForbundId).Select(f => f.Organisation.Name).ToListAsync())
            .Order(Stockholm.Comparer).ToList();
        return ModelState.IsValid;
    }

    private static string Describe(MembershipRole role, IReadOnlyList<string> organisations) =>
        Truncate(organisations.Count == 0 ? role.DisplayName() : $"{role.DisplayName()}: {string.Join(", ", organisations)}", 2000);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
