using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Identity;

/// <summary>
/// The database side of a CSV import (<see cref="UserImport"/> reads and checks the lines): the förbund the importer
/// may import into, what each line is checked against, and the confirmation that invites, offers and grants every
/// row in one transaction or nothing.
/// </summary>
public sealed class UserImporter(LexHellerDb db, UserManager<AppUser> users, TimeProvider clock)
{
    public sealed record Choice(int Id, string Name);

    /// <summary>
    /// The form: the förbund to import into (<see cref="ForbundId"/>, null when there is none) with the names its
    /// member organisations go by, and why the förbund a posted form named may not be imported into (fields are
    /// named as the form's: ForbundId, or none).
    /// </summary>
    public sealed record Form(IReadOnlyList<Choice> ForbundChoices, int? ForbundId, string ForbundName, IReadOnlyList<string> OrganisationNames,
        IReadOnlyList<FieldError> Refusals);

    /// <summary>A file's checked rows, or why the file as a whole cannot be read (then there are no rows).</summary>
    public sealed record Preview(IReadOnlyList<UserImportRow> Rows, string? FileError)
    {
        /// <summary>Whether the rows may be confirmed as they are.</summary>
        public bool MayConfirm => FileError is null && Rows.All(r => r.IsValid);
    }

    /// <summary>
    /// What a confirmation did: the emails invited (or offered a role) and given a role, or the Swedish reason nothing
    /// was created with the rows as they were checked inside the transaction.
    /// </summary>
    public sealed record Outcome(IReadOnlyList<UserImportRow> Rows, string? Error, IReadOnlyList<string> Invited, IReadOnlyList<string> Granted)
    {
        /// <summary>What the importer is told when it went through.</summary>
        public string Message => string.Join(" ", new[]
        {
            Invited.Count switch { 0 => null, 1 => "1 användare är inbjuden.", var n => $"{n} användare är inbjudna." },
            Granted.Count switch { 0 => null, 1 => "1 befintlig användare har fått en ny roll.", var n => $"{n} befintliga användare har fått en ny roll." },
        }.OfType<string>());
    }

    /// <summary>
    /// The form for <paramref name="forbundId"/>: a kansli always imports into the förbund it works in, an administrator
    /// into the one it picks (else its own, else the first). Only a <paramref name="posted"/> form is refused for
    /// naming another.
    /// </summary>
    public async Task<Form> FormAsync(KansliOrAdmin who, int? forbundId, bool posted, CancellationToken ct = default)
    {
        var (choices, picked, refusals) = await PickAsync(who, forbundId, posted, ct);
        return picked is null
            ? new Form(choices, null, "", [], refusals)
            : new Form(choices, picked, choices.First(f => f.Id == picked).Name, await OrganisationNamesAsync(picked.Value, ct), refusals);
    }

    /// <summary>Reads an uploaded file and checks every line against the förbund; nothing is written.</summary>
    public async Task<Preview> PreviewAsync(KansliOrAdmin who, int forbundId, Stream file, CancellationToken ct = default)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var read = UserImport.Read(buffer.ToArray());
        return read.Error is { } error ? new Preview([], error) : new Preview(await CheckAsync(read.Lines, forbundId, who), null);
    }

    /// <summary>Every line checked against the förbund, the importer's rights and the accounts that exist now.</summary>
    public async Task<IReadOnlyList<UserImportRow>> CheckAsync(IReadOnlyList<UserImportLine> lines, int forbundId, KansliOrAdmin importer)
    {
        var grantor = await db.Memberships.AsNoTracking().Where(m => m.UserId == importer.UserId && m.IsActive).ToListAsync();
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
            .ToDictionary(u => u.NormalizedEmail!, u => u.Roles.Count == 0 && !importer.IsAdministrator
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

    /// <summary>
    /// Creates what the lines say in <paramref name="forbundId"/>, if the importer may import there, all or nothing:
    /// new accounts are invited, accounts the importer may not see are offered the role, the rest are given it, with
    /// one audit line for the whole import.
    /// </summary>
    public async Task<Outcome> ImportAsync(KansliOrAdmin importer, int forbundId, IReadOnlyList<UserImportLine> lines, Func<string, string> link,
        CancellationToken ct = default)
    {
        var (choices, _, refusals) = await PickAsync(importer, forbundId, posted: true, ct);
        if (refusals.Count > 0) return Failed([], refusals[0].Message);
        var forbundName = choices.First(f => f.Id == forbundId).Name;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Checked again inside the transaction: someone may have invited one of these people since the preview.
        var rows = await CheckAsync(lines, forbundId, importer);
        if (rows.Any(r => !r.IsValid))
            return Failed(rows, "Ingen användare har skapats: något har ändrats sedan förhandsgranskningen. Rätta filen och ladda upp den igen.");

        var now = clock.GetUtcNow();
        var actor = importer.UserId;
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
                var account = await db.Users.SingleAsync(u => u.Id == outsider.Id, ct);
                MembershipOffers.Add(db, account, email, forbundId, forbundName, role, row.OrganisationIds, after, actor, link, now);
                invited.Add(email);
                continue;
            }
            if (row.Existing is { } existing)
            {
                var user = await db.Users.Include(u => u.Memberships).SingleAsync(u => u.Id == existing.Id, ct);
                admin.Grant(user, email, forbundId, role, row.OrganisationIds, after, actor);
                granted.Add(email);
                continue;
            }
            var created = new AppUser(email, row.Line.FullName, now);
            var result = await users.CreateAsync(created);
            // The transaction is never committed, so the users created before this row are gone too.
            if (!result.Succeeded)
                return Failed(rows, $"Ingen användare har skapats: rad {row.Line.Row} ({email}) gick inte att spara. {string.Join(" ", result.Errors.Select(e => e.Description))}");
            created.AddMembership(forbundId, role, row.OrganisationIds, now);
            admin.Invite(created, email, forbundId, forbundName, role, after, actor, link);
            invited.Add(email);
        }
        admin.RecordImport(forbundId, forbundName, invited, granted, actor);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (!LexHeller.Core.Data.DatabaseFaults.IsUnavailable(e))
        {
            return Failed(rows, "Ingen användare har skapats: något ändrades samtidigt. Ladda upp filen igen.");
        }
        await tx.CommitAsync(ct);
        return new Outcome(rows, null, invited, granted);
    }

    /// <summary>Which of the förbund the importer may import into the form's <paramref name="forbundId"/> picks, and why not that one.</summary>
    private async Task<(IReadOnlyList<Choice> Choices, int? Picked, IReadOnlyList<FieldError> Refusals)> PickAsync(KansliOrAdmin who, int? forbundId,
        bool posted, CancellationToken ct)
    {
        var refusals = new List<FieldError>();
        if (!who.IsAdministrator)
        {
            if (posted && forbundId is not null && forbundId != who.CurrentForbundId)
                refusals.Add(new("", "Du kan bara importera användare till förbund där du själv är kansli."));
            return ([new Choice(who.CurrentForbundId!.Value, who.CurrentForbundName!)], who.CurrentForbundId, refusals);
        }
        var choices = await db.Forbund.OrderBy(f => f.Name).Select(f => new Choice(f.Id, f.Name)).ToListAsync(ct);
        var picked = choices.Any(f => f.Id == forbundId) ? forbundId : who.CurrentForbundId ?? choices.FirstOrDefault()?.Id;
        if (posted && forbundId is not null && picked != forbundId) refusals.Add(new("ForbundId", "Välj ett förbund."));
        if (picked is null) refusals.Add(new("", "Det finns inget förbund att importera användare till."));
        return (choices, picked, refusals);
    }

    /// <summary>The names a file may use for the förbund's member organisations, in Swedish order.</summary>
    private async Task<IReadOnlyList<string>> OrganisationNamesAsync(int forbundId, CancellationToken ct) =>
        (await db.ForbundMembers.Where(f => f.ForbundId == forbundId).Select(f => f.Organisation.Name).ToListAsync(ct))
        .Order(Stockholm.Comparer).ToList();

    private static Outcome Failed(IReadOnlyList<UserImportRow> rows, string error) => new(rows, error, [], []);

    /// <summary>The role and its organisations as the audit trail shows them, in the order the file names them.</summary>
    private static string Describe(MembershipRole role, IReadOnlyList<string> organisations) =>
        Truncate(organisations.Count == 0 ? role.DisplayName() : $"{role.DisplayName()}: {string.Join(", ", organisations)}", 2000);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
