using LexHeller.Core.Data;
using LexHeller.Core.Time;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Categories;

/// <summary>The rule that a förbund's category names are unique regardless of case ("Boende" and "boende" are one).</summary>
internal static class CategoryNames
{
    /// <summary>The existing name that <paramref name="name"/> collides with, if any.</summary>
    public static async Task<string?> TakenAsync(LexHellerDb db, int forbundId, string name, int? exceptId)
    {
        // A förbund has a handful of categories; comparing in memory folds å, ä and ö, which SQLite's lower() does not.
        var names = await db.Categories.Where(c => c.ForbundId == forbundId && c.Id != exceptId).Select(c => c.Name).ToListAsync();
        return names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }

    public static string TakenMessage(string existing) => $"Det finns redan en kategori som heter ”{existing}”. Välj ett annat namn.";

    public static string CaseCount(int n) => Swedish.Count(n, "ärende", "ärenden");
}
