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

    public const int MaxNameLength = 100;

    public void Rename(string name)
    {
        name = name.Trim();
        if (name.Length is 0 or > MaxNameLength)
            throw new ArgumentException($"A category name has 1 to {MaxNameLength} characters.", nameof(name));
        Name = name;
    }

    /// <summary>Places the category at <paramref name="sortOrder"/>; the caller moves its neighbours.</summary>
    public void MoveTo(int sortOrder) => SortOrder = sortOrder;

    /// <summary>No longer offered when filing; stays on the cases and in the compilations that use it.</summary>
    public void Deactivate() => IsActive = false;

    public void Reactivate() => IsActive = true;

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
