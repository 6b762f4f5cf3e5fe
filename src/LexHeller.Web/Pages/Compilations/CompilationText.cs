using LexHeller.Core.Cases;
using LexHeller.Core.Compilations;
using LexHeller.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace LexHeller.Web.Pages.Compilations;

/// <summary>How a compilation's status, scope, period kind and filters read in Swedish.</summary>
public static class CompilationText
{
    public static string Status(CompilationStatus status) => status switch
    {
        CompilationStatus.Queued => "Köad",
        CompilationStatus.Running => "Beräknas",
        CompilationStatus.Done => "Klar",
        CompilationStatus.Failed => "Misslyckades",
    };

    public static string Scope(CompilationScope scope) => scope == CompilationScope.Joint ? "Förbundsgemensam" : "Förbundet";

    public static string PeriodKind(PeriodKind kind) => kind switch
    {
        Core.Compilations.PeriodKind.Month => "Månad",
        Core.Compilations.PeriodKind.Tertial => "Tertial",
        Core.Compilations.PeriodKind.Year => "År",
        Core.Compilations.PeriodKind.Custom => "Egen period",
    };

    /// <summary>The names of the categories and organisations that the filters refer to.</summary>
    public sealed record Names(IReadOnlyDictionary<int, string> Categories, IReadOnlyDictionary<int, string> Organisations)
    {
        public string Filter(CompilationFilter filter)
        {
            if (filter.IsEmpty) return "Alla ärenden";
            var parts = new List<string>();
            if (filter.Kind is { } kind) parts.Add(kind.DisplayName());
            if (filter.CategoryId is { } c) parts.Add($"kategori {Categories.GetValueOrDefault(c, "(borttagen)")}");
            if (filter.OrganisationId is { } o) parts.Add($"part {Organisations.GetValueOrDefault(o, "(borttagen)")}");
            return string.Join(", ", parts);
        }
    }

    public static async Task<Names> NamesAsync(LexHellerDb db, IReadOnlyCollection<CompilationFilter> filters)
    {
        var categoryIds = filters.Where(f => f.CategoryId is not null).Select(f => f.CategoryId!.Value).Distinct().ToList();
        var organisationIds = filters.Where(f => f.OrganisationId is not null).Select(f => f.OrganisationId!.Value).Distinct().ToList();
        var categories = categoryIds.Count == 0 ? [] : await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name);
        var organisations = organisationIds.Count == 0 ? [] : await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name);
        return new Names(categories, organisations);
    }
}
