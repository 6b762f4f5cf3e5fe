using LexHeller.Core.Audit;
using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Organisations;

/// <summary>The outcome of editing a förbund.</summary>
public enum ForbundEdit
{
    Unchanged,
    Saved,
    CodeTaken,
    /// <summary>Passwords cannot be turned off while no switched-on identity provider is enabled for the förbund.</summary>
    PasswordNeedsProvider,
}

/// <summary>
/// The administrator creates and changes förbund; each change and its audit lines are saved together.
/// Whether a change is allowed (code locked by cases, members still represented) the page checks first.
/// </summary>
public sealed class ForbundAdmin(LexHellerDb db, TimeProvider clock)
{
    /// <summary>
    /// Creates a förbund with its members and the default categories, so reporters can file at once. Null when
    /// someone took the code between the check and the save.
    /// </summary>
    public async Task<Forbund?> CreateAsync(string name, string code, IReadOnlyCollection<int> organisationIds, string actorUserId)
    {
        var forbund = new Forbund(name, code);
        var members = await db.Organisations.Where(o => organisationIds.Contains(o.Id)).ToListAsync();
        foreach (var o in members) forbund.AddMember(o);

        // The categories and the audit line need the förbund's id: two saves, one transaction.
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Forbund.Add(forbund);
        if (!await db.TrySaveChangesAsync()) return null;
        db.Categories.AddRange(Category.Defaults.Select((n, i) => new Category(forbund.Id, n, i + 1)));
        var memberNames = members.Select(m => m.Name).Order(Stockholm.Comparer).ToList();
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, forbund.Id, AuditActions.ForbundCreated, forbund.Name, null,
            Clip($"Kod {forbund.Code}; medlemmar: {(memberNames.Count == 0 ? "inga" : string.Join(", ", memberNames))}")));
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return forbund;
    }

    /// <summary>
    /// Renames, recodes and changes the members of a förbund loaded with its members; one audit line for the name
    /// and code, one per organisation that joined or left.
    /// </summary>
    public async Task<ForbundEdit> EditAsync(Forbund forbund, string name, string code, IReadOnlyCollection<int> organisationIds,
        bool passwordLoginAllowed, Func<int, string> nameOf, string actorUserId)
    {
        var now = clock.GetUtcNow();
        var passwordChanged = passwordLoginAllowed != forbund.PasswordLoginAllowed;
        if (passwordChanged && !passwordLoginAllowed && !await HasSwitchedOnProviderAsync(forbund.Id)) return ForbundEdit.PasswordNeedsProvider;
        var before = forbund.Members.Select(m => m.OrganisationId).ToHashSet();
        var removed = before.Where(id => !organisationIds.Contains(id)).ToList();
        var added = organisationIds.Where(id => !before.Contains(id)).Distinct().ToList();
        var codeChanged = code != forbund.Code;
        var changes = new List<(string Before, string After)>();
        if (name != forbund.Name) changes.Add(($"Namn: {forbund.Name}", $"Namn: {name}"));
        if (codeChanged) changes.Add(($"Kod: {forbund.Code}", $"Kod: {code}"));
        if (changes.Count == 0 && removed.Count == 0 && added.Count == 0 && !passwordChanged) return ForbundEdit.Unchanged;

        if (changes.Count > 0)
            db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbund.Id, AuditActions.ForbundUpdated, name,
                string.Join("; ", changes.Select(c => c.Before)), string.Join("; ", changes.Select(c => c.After))));
        forbund.Rename(name);
        if (codeChanged) forbund.ChangeCode(code);
        if (passwordChanged)
        {
            forbund.AllowPasswordLogin(passwordLoginAllowed);
            db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbund.Id, AuditActions.PasswordLoginChanged, forbund.Name,
                PasswordWords(!passwordLoginAllowed), PasswordWords(passwordLoginAllowed)));
        }
        foreach (var id in removed)
        {
            forbund.RemoveMember(id);
            db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbund.Id, AuditActions.ForbundMemberRemoved, forbund.Name, nameOf(id), null));
        }
        foreach (var organisation in await db.Organisations.Where(o => added.Contains(o.Id)).ToListAsync())
        {
            forbund.AddMember(organisation);
            db.AuditEntries.Add(new AuditEntry(now, actorUserId, forbund.Id, AuditActions.ForbundMemberAdded, forbund.Name, null, organisation.Name));
        }
        return await db.TrySaveChangesAsync() ? ForbundEdit.Saved : ForbundEdit.CodeTaken;
    }

    /// <summary>
    /// Whether a switched-on identity provider is enabled for the förbund: without one, turning passwords off would
    /// leave its people no way to log in.
    /// </summary>
    public Task<bool> HasSwitchedOnProviderAsync(int forbundId) =>
        db.IdentityProviders.AnyAsync(p => p.Enabled && p.Forbund.Any(f => f.ForbundId == forbundId));

    public const string PasswordNeedsProviderMessage =
        "Inloggning med lösenord kan inte stängas av: ingen påslagen e-legitimation är kopplad till förbundet, så ingen där skulle kunna logga in. " +
        "Lägg först till en leverantör för förbundet under Inloggning.";

    private static string PasswordWords(bool allowed) => allowed ? "Inloggning med lösenord tillåten" : "Inloggning med lösenord avstängd (bara e-legitimation)";

    private static string Clip(string text, int max = 2000) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
