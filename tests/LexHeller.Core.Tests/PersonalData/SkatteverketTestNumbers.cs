namespace LexHeller.Core.Tests.PersonalData;

/// <summary>
/// Independent anchors: test personnummer and samordningsnummer that Skatteverket publishes as open data
/// ("Testpersonnummer" and "Testsamordningsnummer" on dataportal.se), written out as a fixed list.
/// </summary>
internal static class SkatteverketTestNumbers
{
    public static readonly string[] Personnummer =
    [
        "189001019802", "189002169804", "189003319812", "189012219367", "189105129804",
        "201306072388", "201307312387", "201309302394", "201312312398", "201402282394",
        "201405312396", "201408192399", "201411052390", "201701012393",
    ];

    public static readonly string[] Samordningsnummer =
    [
        "191401682396", "191500722390", "192002702393", "193207912381", "194801602394",
        "195012812383", "194300912385",
    ];
}
