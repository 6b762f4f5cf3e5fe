namespace LexHeller.Core.Organisations;

/// <summary>What sort of body an organisation is; stored by name.</summary>
public enum OrganisationKind
{
    Forsakringskassan,
    Arbetsformedlingen,
    Kommun,
    Region,
    OtherActor,
}

/// <summary>One entry of the shared organisation register (FK and AF are the same organisation in every förbund).</summary>
public class Organisation
{
    private Organisation() { }

    public Organisation(string name, OrganisationKind kind)
    {
        Name = name;
        Kind = kind;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public OrganisationKind Kind { get; private set; }

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("An organisation needs a name.", nameof(name));
        Name = name.Trim();
    }

    public void ChangeKind(OrganisationKind kind) => Kind = kind;

    public static string KindName(OrganisationKind kind) => kind switch
    {
        OrganisationKind.Forsakringskassan => "Försäkringskassan",
        OrganisationKind.Arbetsformedlingen => "Arbetsförmedlingen",
        OrganisationKind.Kommun => "Kommun",
        OrganisationKind.Region => "Region",
        OrganisationKind.OtherActor => "Annan aktör",
    };
}
