namespace LexHeller.Core.Cases;

/// <summary>A case category of one förbund. Deactivated rather than deleted once used.</summary>
public class Category
{
    private Category() { }

    public Category(int forbundId, string name, int sortOrder)
    {
        ForbundId = forbundId;
        Name = name;
        SortOrder = sortOrder;
        IsActive = true;
    }

    public int Id { get; private set; }
    public int ForbundId { get; private set; }
    public string Name { get; private set; } = "";
    public int SortOrder { get; private set; }
    public bool IsActive { get; private set; }

    /// <summary>The categories every new förbund starts with.</summary>
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "Nåbarhet och kontakt",
        "Överlämning och remiss",
        "Regler som krockar",
        "Oklart ansvar",
        "Väntetid",
        "Informationsdelning och sekretess",
        "Ekonomiskt stöd",
        "Boende",
        "Språk och tolk",
        "Övrigt",
    ];
}
