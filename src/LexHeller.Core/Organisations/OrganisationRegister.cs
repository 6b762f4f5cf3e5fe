using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Organisations;

/// <summary>The outcome of editing an organisation of the register.</summary>
public enum OrganisationEdit
{
    Unchanged,
    Saved,
    NameTaken,
}

/// <summary>
/// The administrator's changes to the shared organisation register. Each writes its audit line in the same save as
/// the change; a removal is recorded as a deletion, so the change log can tell it from a rename.
/// </summary>
public sealed class OrganisationRegister(LexHellerDb db, TimeProvider clock)
{
    /// <summary>The new organisation, or null when someone saved the same name between the check and the save.</summary>
    public async Task<Organisation?> CreateAsync(string name, OrganisationKind kind, string actorUserId)
    {
        var organisation = new Organisation(name, kind);
        db.Organisations.Add(organisation);
        Audit(AuditActions.OrganisationCreated, organisation.Name, null, $"Typ: {Organisation.KindName(kind)}", actorUserId);
        return await db.TrySaveChangesAsync() ? organisation : null;
    }

    public async Task<OrganisationEdit> EditAsync(Organisation organisation, string name, OrganisationKind kind, string actorUserId)
    {
        var changes = new List<(string Before, string After)>();
        if (name != organisation.Name) changes.Add(($"Namn: {organisation.Name}", $"Namn: {name}"));
        if (kind != organisation.Kind)
            changes.Add(($"Typ: {Organisation.KindName(organisation.Kind)}", $"Typ: {Organisation.KindName(kind)}"));
        if (changes.Count == 0) return OrganisationEdit.Unchanged;
        organisation.Rename(name);
        organisation.ChangeKind(kind);
        Audit(AuditActions.OrganisationUpdated, organisation.Name,
            string.Join("; ", changes.Select(c => c.Before)), string.Join("; ", changes.Select(c => c.After)), actorUserId);
        return await db.TrySaveChangesAsync() ? OrganisationEdit.Saved : OrganisationEdit.NameTaken;
    }

    /// <summary>
    /// Removes an organisation nothing refers to. Returns null when it is gone, else the Swedish reason it stays
    /// (one in use is merged into another instead). Null too when it did not exist.
    /// </summary>
    public async Task<string?> DeleteAsync(int organisationId, string actorUserId)
    {
        // The usage is counted inside the write transaction, so nothing can start using it between count and delete.
        await using var tx = await db.Database.BeginTransactionAsync();
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Id == organisationId);
        if (organisation is null) return null;
        if (WhyNotDelete(await new OrganisationMerge(db, clock).UsageAsync(organisationId)) is { } why) return why;
        db.Organisations.Remove(organisation);
        Audit(AuditActions.OrganisationDeleted, organisation.Name,
            $"{organisation.Name} ({Organisation.KindName(organisation.Kind)})", "Borttagen ur registret", actorUserId);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        return null;
    }

    /// <summary>Why an organisation cannot be removed, in Swedish; null when nothing refers to it.</summary>
    public static string? WhyNotDelete(OrganisationUsage usage)
    {
        if (usage.Cases > 0)
            return $"Organisationen används i {Swedish.Count(usage.Cases, "ärende", "ärenden")} och kan inte tas bort. Slå ihop den med en annan i stället.";
        if (usage.InUse)
            return $"Organisationen används ({string.Join(", ", usage.Lines())}) och kan inte tas bort. Ta bort den ur förbunden och användarnas roller, eller slå ihop den med en annan i stället.";
        return null;
    }

    private void Audit(string action, string subject, string? before, string? after, string actorUserId) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, null, action, subject, before, after));

}
