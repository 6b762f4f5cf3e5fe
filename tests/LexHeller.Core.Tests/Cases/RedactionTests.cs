using LexHeller.Core.Cases;

namespace LexHeller.Core.Tests.Cases;

/// <summary>How a passage is found and struck: as Swedish is written, whatever the capitals.</summary>
public class RedactionTests
{
    [Theory]
    [InlineData("Hon ringde vårdcentralen.", "vårdcentralen")]
    [InlineData("Vårdcentralen svarade inte.", "vårdcentralen")]
    [InlineData("SKRIV TILL VÅRDCENTRALEN", "Vårdcentralen")]
    [InlineData("Anna Öberg på Ängelholms kommun", "anna öberg")]
    public void A_passage_is_found_whatever_its_capitals(string text, string passage) =>
        Assert.Single(CaseRedaction.Find(text, passage));

    [Fact]
    public void Every_match_is_struck_and_the_rest_of_the_text_stays()
    {
        var struck = CaseRedaction.Strike("Vårdcentralen, VÅRDCENTRALEN och vårdcentralen.", "vårdcentralen");
        Assert.Equal($"{Case.RedactedMark}, {Case.RedactedMark} och {Case.RedactedMark}.", struck);
    }

    [Fact]
    public void A_passage_of_other_letters_is_not_found() =>
        Assert.Empty(CaseRedaction.Find("Vardcentralen i Aby", "vårdcentralen"));
}
