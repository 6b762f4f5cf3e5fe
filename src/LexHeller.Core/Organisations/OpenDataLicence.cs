namespace LexHeller.Core.Organisations;

/// <summary>
/// A licence a förbund may publish its open data under. The id is the SPDX identifier, which reusers' tools read;
/// the name is what the settings page and the published data show.
/// </summary>
public sealed record OpenDataLicence(string Id, string Name, string Url, string Terms)
{
    public static readonly OpenDataLicence Cc0 = new("CC0-1.0", "CC0 1.0 (allmän egendom)",
        "https://creativecommons.org/publicdomain/zero/1.0/deed.sv",
        "Fri att använda utan villkor.");

    public static readonly OpenDataLicence CcBy = new("CC-BY-4.0", "CC BY 4.0 (erkännande)",
        "https://creativecommons.org/licenses/by/4.0/deed.sv",
        "Fri att använda om förbundet anges som källa.");

    /// <summary>What a förbund publishes under until its kansli chooses: no conditions, as Lag (2022:818) encourages.</summary>
    public static OpenDataLicence Default => Cc0;

    public static IReadOnlyList<OpenDataLicence> All { get; } = [Cc0, CcBy];

    public static OpenDataLicence? Find(string? id) => All.FirstOrDefault(l => l.Id == id);
}
