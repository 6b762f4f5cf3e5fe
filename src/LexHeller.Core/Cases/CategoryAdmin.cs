using LexHeller.Core.Audit;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Core.Cases;

/// <summary>Where a category moved: its name and its 1-based places before and after.</summary>
public sealed record CategoryMove(string Name, int From, int To)
{
    public bool Moved => From != To;
}

/// <summary>
/// What a kansli or administrator does to a förbund's categories. Each method changes the category, writes its
/// audit line and saves both at once, so the change log never misses a change nor names one that did not happen.
/// </summary>
public sealed class CategoryAdmin(LexHellerDb db, TimeProvider clock)
{
    public static string StateName(bool active) => active ? "Aktiv" : "Inaktiv";

    /// <summary>Adds a category last in the list; false when the unique index refused a name someone took at the same moment.</summary>
    public async Task<bool> AddAsync(int forbundId, string name, string actorUserId)
    {
        var last = await db.Categories.Where(c => c.ForbundId == forbundId).MaxAsync(c => (int?)c.SortOrder) ?? 0;
        db.Categories.Add(new Category(forbundId, name, last + 1));
        Audit(forbundId, AuditActions.CategoryAdded, name, null, name, actorUserId);
        return await db.TrySaveChangesAsync();
    }

    /// <summary>False when another category took the name at the same moment.</summary>
    public async Task<bool> RenameAsync(Category category, string name, string actorUserId)
    {
        var before = category.Name;
        category.Rename(name);
        Audit(category.ForbundId, AuditActions.CategoryRenamed, before, before, category.Name, actorUserId);
        return await db.TrySaveChangesAsync();
    }

    /// <summary>
    /// Moves a category <paramref name="step"/> places (−1 up, +1 down); null when the förbund has no such category.
    /// At either end nothing changes and the result says it did not move.
    /// </summary>
    public async Task<CategoryMove?> MoveAsync(int forbundId, int categoryId, int step, string actorUserId)
    {
        var ordered = await db.Categories.Where(c => c.ForbundId == forbundId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync();
        var from = ordered.FindIndex(c => c.Id == categoryId);
        if (from < 0) return null;
        var category = ordered[from];
        var to = from + step;
        if (to < 0 || to >= ordered.Count) return new CategoryMove(category.Name, from + 1, from + 1);
        ordered.RemoveAt(from);
        ordered.Insert(to, category);
        // Positions are renumbered 1..n, so gaps or ties left by earlier data cannot make a move do nothing.
        for (var i = 0; i < ordered.Count; i++)
            if (ordered[i].SortOrder != i + 1) ordered[i].MoveTo(i + 1);
        Audit(forbundId, AuditActions.CategoryReordered, category.Name, $"Plats {from + 1}", $"Plats {to + 1}", actorUserId);
        await db.SaveChangesAsync();
        return new CategoryMove(category.Name, from + 1, to + 1);
    }

    /// <summary>Deactivates or reactivates; a category already in that state is left alone and nothing is audited.</summary>
    public async Task SetActiveAsync(Category category, bool active, string actorUserId)
    {
        if (category.IsActive == active) return;
        if (active) category.Reactivate();
        else category.Deactivate();
        Audit(category.ForbundId, active ? AuditActions.CategoryReactivated : AuditActions.CategoryDeactivated,
            category.Name, StateName(!active), StateName(active), actorUserId);
        await db.SaveChangesAsync();
    }

    /// <summary>Deletes a category no case uses; false when a case took it meanwhile and the foreign key refused.</summary>
    public async Task<bool> DeleteAsync(Category category, string actorUserId)
    {
        db.Categories.Remove(category);
        Audit(category.ForbundId, AuditActions.CategoryDeleted, category.Name, category.Name, "Borttagen", actorUserId);
        return await db.TrySaveChangesAsync();
    }

    private void Audit(int forbundId, string action, string subject, string? before, string? after, string actorUserId) =>
        db.AuditEntries.Add(new AuditEntry(clock.GetUtcNow(), actorUserId, forbundId, action, subject, before, after));

}
