using LexHeller.Core.Cases;
using LexHeller.Core.Data;
using LexHeller.Core.Systemic;

namespace LexHeller.Web.Pages.Systemfel;

/// <summary>What the kansli writes about a systemfel, on the new and the edit page alike.</summary>
public sealed class SystemicForm
{
    public string? Title { get; set; }
    public string? Description { get; set; }
    public int? CategoryId { get; set; }
    /// <summary>The owning party; empty for the förbund itself.</summary>
    public int? OwnerOrganisationId { get; set; }
    public List<int> PartyIds { get; set; } = [];
    public int? ConflictPartyA { get; set; }
    public int? ConflictPartyB { get; set; }

    public SystemicInput ToInput() => new(Title, Description, CategoryId, OwnerOrganisationId, PartyIds, ConflictPartyA, ConflictPartyB);

    public static SystemicForm From(SystemicProblem p) => new()
    {
        Title = p.Title, Description = p.Description, CategoryId = p.CategoryId, OwnerOrganisationId = p.OwnerOrganisationId,
        PartyIds = p.Parties.Select(x => x.OrganisationId).ToList(), ConflictPartyA = p.ConflictPartyAId, ConflictPartyB = p.ConflictPartyBId,
    };

    /// <summary>The keys of the form's fields in the order it shows them, for the error summary.</summary>
    public static readonly IReadOnlyList<string> Order =
        ["Input.Title", "Input.Description", "Input.CategoryId", "Input.OwnerOrganisationId", "Input.PartyIds", "Input.ConflictPartyA", "Input.ConflictPartyB"];
}

/// <summary>The förbund's parties and categories the form offers.</summary>
public sealed record SystemicFormOptions(IReadOnlyList<CasePageQuery.Option> Parties, IReadOnlyList<CasePageQuery.Option> Categories)
{
    public static async Task<SystemicFormOptions> LoadAsync(LexHellerDb db, int forbundId, int? currentCategoryId, CancellationToken ct)
    {
        var (parties, categories) = await CasePageQuery.OptionsAsync(db, forbundId, currentCategoryId, withCategories: true, ct);
        return new(parties, categories);
    }
}
